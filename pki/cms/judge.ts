import { readCertificate } from '../certificates/certificate';
import type { KeyAlgorithm } from '../algorithms/public-key';
import { trustedPath, type RevocationLookup } from '../certificates/checks';
import { readTimestampToken, signatureImprint } from './timestamp';
import type { CmsCheck } from './verify';

/**
 * Judging a verified CMS signer: who signed, whether the certificate was valid at the signing time (the
 * time-stamp's, when a valid one is attached), chains to the trust store and was not revoked before.
 * Apart from verify.ts, which the time-stamp reader uses too: the arrows run judge → timestamp → verify.
 */
export interface TimestampReport {
  time: string;
  tsa: string;
  serial: string;
  /** Signed by a time-stamping authority, over this signature, and (with a trust store) chained to it. */
  valid: boolean;
  problems: string[];
}

export interface RevocationReport {
  /** As the office's data says now (a current OCSP answer, or the CRLs). */
  now: 'good' | 'revoked' | 'unknown';
  /** At the signing time: a certificate revoked after it still made a valid signature then. */
  atSigning: 'good' | 'revoked' | 'unknown';
  revokedAt: string | null;
  stale: boolean;
  source: 'ocsp' | 'crl' | null;
}

export interface SignerJudgement {
  signer: { name: string; surname: string | null; patronymic: string | null; iin: string | null; bin: string | null; organization: string | null; roles: string[] };
  certificate: { notBefore: string; notAfter: string; validAtSigning: boolean | null; issuer: string; serial: string; algorithm: KeyAlgorithm };
  chainTrusted: boolean | null;
  revocation: RevocationReport | null;
  timestamp: TimestampReport | null;
  /** The time the checks were made at: the time-stamp's when there is a valid one, else the signer's own claim. */
  judgedAt: string | null;
  problems: string[];
}

export interface TrustInput {
  trusted: Buffer[];
  revocation?: RevocationLookup;
  /** The office's clock, for "revoked now" (defaults to the system clock). */
  now?: Date;
}

function judgeTimestamp(cms: CmsCheck, store: TrustInput | null): TimestampReport | null {
  if (!cms.timestampToken) return null;
  let token;
  try {
    token = readTimestampToken(cms.timestampToken);
  } catch {
    return { time: '', tsa: '', serial: '', valid: false, problems: ['timestamp-unreadable'] };
  }
  const problems = [...token.problems];
  const imprint = cms.signatureValue ? signatureImprint(cms.signatureValue, token.imprintAlgorithm) : null;
  if (!imprint || !token.imprint.equals(imprint)) problems.push('timestamp-not-for-this-signature');
  if (store && (!token.tsaCertificate || !trustedPath(token.tsaCertificate, token.certificates, store.trusted, token.time))) problems.push('timestamp-untrusted');
  return {
    time: token.time.toISOString(),
    tsa: token.tsaCertificate ? readCertificate(token.tsaCertificate).commonName : '',
    serial: token.serialHex,
    valid: problems.length === 0,
    problems,
  };
}

/**
 * Who signed, whether the certificate was valid at signing, chains to the trust store, and was not
 * revoked before; the signing time is the time-stamp's when a valid one is attached.
 */
export function judgeSignature(cms: CmsCheck, claimedTime: Date | null, store: TrustInput | null): SignerJudgement {
  const signerDer = cms.signerDer!;
  const others = cms.certificates.filter((der) => !der.equals(signerDer));
  const cert = readCertificate(signerDer);
  const timestamp = judgeTimestamp(cms, store);
  const problems: string[] = timestamp && !timestamp.valid ? ['timestamp-invalid'] : [];
  const at = timestamp?.valid ? new Date(timestamp.time) : claimedTime;
  const validAtSigning = at ? cert.notBefore <= at && at <= cert.notAfter : null;
  if (validAtSigning === false) problems.push('certificate-not-valid-at-signing');
  if (!cert.canSign) problems.push('not-a-signing-key');
  let chainTrusted: boolean | null = null;
  let revocation: RevocationReport | null = null;
  if (store) {
    const path = trustedPath(signerDer, others, store.trusted, at ?? store.now ?? new Date());
    chainTrusted = path !== null;
    if (!path) problems.push('untrusted-chain');
    if (path && store.revocation) {
      const verdict = store.revocation(path[0]!, path[1]!, store.now ?? new Date());
      const revokedBefore = verdict.status === 'revoked' && (!at || !verdict.revokedAt || verdict.revokedAt <= at);
      revocation = {
        now: verdict.status,
        atSigning: verdict.status === 'revoked' ? (revokedBefore ? 'revoked' : 'good') : verdict.status,
        revokedAt: verdict.revokedAt?.toISOString() ?? null,
        stale: verdict.stale,
        source: verdict.source,
      };
      if (revokedBefore) problems.push('revoked-before-signing');
    }
  }
  return {
    signer: { name: cert.commonName, surname: cert.surname, patronymic: cert.patronymic, iin: cert.iin, bin: cert.bin, organization: cert.organization, roles: cert.roles },
    certificate: { notBefore: cert.notBefore.toISOString(), notAfter: cert.notAfter.toISOString(), validAtSigning, issuer: cert.issuer, serial: cert.serialHex, algorithm: cert.keyAlgorithm },
    chainTrusted,
    revocation,
    timestamp,
    judgedAt: at?.toISOString() ?? null,
    problems,
  };
}

/** One signature as a verification report shows it: a PDF's or a CMS file's, judged alike (null: no signer found). */
export interface SignatureReport extends Omit<SignerJudgement, 'signer' | 'certificate'> {
  index: number;
  /** The CMS signature is mathematically valid over the bytes it signs (a PDF's ByteRange, a CMS file's content). */
  signatureValid: boolean;
  /** The signed ranges cover the whole file: nothing was appended after this signature (always so for a CMS file). */
  coversWholeFile: boolean;
  subFilter: string | null;
  signingTime: string | null;
  signer: SignerJudgement['signer'] | null;
  certificate: SignerJudgement['certificate'] | null;
}

/**
 * The report of one verified CMS signature: how it stands on its own and, when its signer is found, who signed
 * and whether the certificate held at `claimedTime` (the signer's own claim; a valid time-stamp's time wins).
 */
export function reportSignature(
  cms: CmsCheck,
  where: { index: number; coversWholeFile: boolean; subFilter: string | null; claimedTime: Date | null; problems?: string[] },
  store: TrustInput | null,
): SignatureReport {
  const problems = [...cms.problems, ...(where.problems ?? [])];
  const report: SignatureReport = {
    index: where.index,
    signatureValid: cms.signatureValid,
    coversWholeFile: where.coversWholeFile,
    subFilter: where.subFilter,
    signingTime: where.claimedTime?.toISOString() ?? null,
    signer: null,
    certificate: null,
    chainTrusted: null,
    revocation: null,
    timestamp: null,
    judgedAt: null,
    problems,
  };
  if (!cms.signerDer) return report;
  const judged = judgeSignature(cms, where.claimedTime, store);
  return { ...report, ...judged, problems: [...problems, ...judged.problems] };
}
