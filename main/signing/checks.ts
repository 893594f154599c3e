import { X509Certificate } from 'node:crypto';
import { AppError } from '../../domain/api/errors';
import type { CertificateRole, KazakhCertificate } from './certificate';

export type SigningCheck =
  | 'not-yet-valid'
  | 'expired'
  | 'not-a-signing-key'
  | 'untrusted-chain'
  | 'iin-mismatch'
  | 'bin-mismatch'
  | 'role-not-allowed';

function refuse(check: SigningCheck): never {
  throw new AppError('signing-refused', check);
}

/** Walks issuer links from the certificate to a trusted one, checking each signature and each issuer's validity. */
export function chainsToTrusted(certificate: Buffer, intermediates: Buffer[], trusted: Buffer[], at: Date): boolean {
  const pool = [...intermediates, ...trusted].map((der) => ({ der, x509: new X509Certificate(der) }));
  const trustedSet = new Set(trusted.map((d) => d.toString('base64')));
  let current = new X509Certificate(certificate);
  for (let depth = 0; depth < 8; depth++) {
    const issuer = pool.find(
      (c) => current.checkIssued(c.x509) && current.verify(c.x509.publicKey) && c.x509.ca &&
        new Date(c.x509.validFrom) <= at && at <= new Date(c.x509.validTo),
    );
    if (!issuer) return false;
    if (trustedSet.has(issuer.der.toString('base64'))) return true;
    current = issuer.x509;
  }
  return false;
}

export interface SigningExpectations {
  at: Date;
  trusted: Buffer[];
  intermediates: Buffer[];
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

/** The checks before every signature; a failure names the check and nothing is signed. */
export function checkSigningCertificate(cert: KazakhCertificate, expect: SigningExpectations): void {
  if (expect.at < cert.notBefore) refuse('not-yet-valid');
  if (expect.at > cert.notAfter) refuse('expired');
  if (!cert.canSign) refuse('not-a-signing-key');
  if (!chainsToTrusted(cert.der, expect.intermediates, expect.trusted, expect.at)) refuse('untrusted-chain');
  if (expect.iin !== undefined && (!expect.iin || cert.iin !== expect.iin)) refuse('iin-mismatch');
  if (expect.bin !== undefined && cert.bin !== expect.bin) refuse('bin-mismatch');
  if (expect.roles && !expect.roles.some((r) => cert.roles.includes(r))) refuse('role-not-allowed');
}
