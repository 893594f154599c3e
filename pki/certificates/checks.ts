import { AppError } from '../../domain/api/errors';
import { verifySignature } from '../algorithms/signatures';
import { readCertificate, type CertificateRole, type KazakhCertificate } from './certificate';

export type SigningCheck =
  | 'not-yet-valid'
  | 'expired'
  | 'untrusted-chain'
  | 'revoked'
  | 'revocation-unknown'
  | 'crl-stale'
  | 'not-a-signing-key'
  | 'iin-mismatch'
  | 'bin-mismatch'
  | 'role-not-allowed';

function refuse(check: SigningCheck): never {
  throw new AppError('signing-refused', check);
}

/** Signature checks already made, by certificate and issuer: verifying many documents of one signer stays cheap. */
const issuedBy = new Map<string, boolean>();
const ISSUED_BY_CACHE = 2000;

/**
 * The issuer named it, may issue certificates, and signed it (RSA or GOST alike). A signature under a key that
 * cannot be used (an unknown curve) or in an algorithm not verified here is no issuer.
 */
export function isIssuedBy(certificate: KazakhCertificate, issuer: KazakhCertificate): boolean {
  if (!certificate.issuerDer.equals(issuer.subjectDer) || !issuer.isCa) return false;
  if (issuer.keyUsage.length > 0 && !issuer.keyUsage.includes('keyCertSign')) return false;
  const key = `${certificate.sha256}:${issuer.sha256}`;
  let verdict = issuedBy.get(key);
  if (verdict === undefined) {
    try {
      verdict = verifySignature({ algorithm: certificate.signatureAlgorithm, publicKey: issuer.spki, data: certificate.tbsDer, signature: certificate.signatureValue });
    } catch {
      verdict = false;
    }
    if (issuedBy.size >= ISSUED_BY_CACHE) issuedBy.delete(issuedBy.keys().next().value!);
    issuedBy.set(key, verdict);
  }
  return verdict;
}

function readable(der: Buffer): KazakhCertificate | null {
  try {
    return readCertificate(der);
  } catch {
    return null;
  }
}

/**
 * The path from the certificate to a trusted one ([certificate, issuer, …, trusted]), checking each
 * signature and each issuer's validity at `at`; null when there is none. A trusted certificate need not be a
 * root: NCA publishes its intermediate CAs, and an office may anchor its trust at one.
 */
export function trustedPath(certificate: Buffer, intermediates: Buffer[], trusted: Buffer[], at: Date): Buffer[] | null {
  const pool = [...intermediates, ...trusted].map(readable).filter((c): c is KazakhCertificate => c !== null);
  const trustedSet = new Set(trusted.map((d) => d.toString('base64')));
  const path = [certificate];
  let current = readable(certificate);
  for (let depth = 0; current && depth < 8; depth++) {
    const subject = current;
    const issuer = pool.find((c) => c.notBefore <= at && at <= c.notAfter && isIssuedBy(subject, c));
    if (!issuer) return null;
    path.push(issuer.der);
    if (trustedSet.has(issuer.der.toString('base64'))) return path;
    current = issuer;
  }
  return null;
}

export interface RevocationVerdict {
  status: 'good' | 'revoked' | 'unknown';
  revokedAt?: Date;
  /** The newest revocation data is past its nextUpdate (or there is none). */
  stale: boolean;
  /** Where the verdict comes from: a current OCSP answer, the CRLs, or nothing at all. */
  source: 'ocsp' | 'crl' | null;
}
export type RevocationLookup = (certificate: Buffer, issuer: Buffer, at: Date) => RevocationVerdict;
/** What to do when revocation data is stale or missing: offline offices may have to sign anyway. */
export type StaleRule = 'warn' | 'block';
export interface RevocationPolicy {
  lookup: RevocationLookup;
  staleRule: StaleRule;
}

export interface SigningExpectations {
  at: Date;
  trusted: Buffer[];
  intermediates: Buffer[];
  /** Null only in tests of the other checks; every signing path passes the store's policy. */
  revocation: RevocationPolicy | null;
  /**
   * The logged-in user's IIN: one signs only with one's own key (null: the user has none, so nothing is
   * signed). Left out only where no user is signed in: `ajo sign` on the authority's behalf.
   */
  iin?: string | null;
  /** The authority's BIN, for signatures made on its behalf. */
  bin?: string;
  /** Roles of which the certificate must carry at least one. */
  roles?: readonly CertificateRole[];
}

/**
 * The checks before every signature, in the order of the issue: validity, chain, revocation, key
 * usage, identity, role. A failure names the check and nothing is signed; a stale CRL under the
 * 'warn' rule comes back as a warning.
 */
export function checkSigningCertificate(cert: KazakhCertificate, expect: SigningExpectations): { warnings: SigningCheck[] } {
  const warnings: SigningCheck[] = [];
  if (expect.at < cert.notBefore) refuse('not-yet-valid');
  if (expect.at > cert.notAfter) refuse('expired');
  const path = trustedPath(cert.der, expect.intermediates, expect.trusted, expect.at);
  if (!path) refuse('untrusted-chain');
  if (expect.revocation) {
    const verdict = expect.revocation.lookup(path[0]!, path[1]!, expect.at);
    if (verdict.status === 'revoked') refuse('revoked');
    if (verdict.status === 'unknown' || verdict.stale) {
      const check = verdict.status === 'unknown' ? 'revocation-unknown' : 'crl-stale';
      if (expect.revocation.staleRule === 'block') refuse(check);
      warnings.push(check);
    }
  }
  if (!cert.canSign) refuse('not-a-signing-key');
  if (expect.iin !== undefined && (!expect.iin || cert.iin !== expect.iin)) refuse('iin-mismatch');
  if (expect.bin !== undefined && cert.bin !== expect.bin) refuse('bin-mismatch');
  if (expect.roles && !expect.roles.some((r) => cert.roles.includes(r))) refuse('role-not-allowed');
  return { warnings };
}
