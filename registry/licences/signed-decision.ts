import { verifyPdf } from '../../pki/pdf/verify-pdf';

/** What the registry knows of an enrolled office: the licensing authority it signs for. */
export interface EnrolledOffice {
  authorityBin: string;
}

export type SignedDecisionCheck =
  | { accepted: true; signerIin: string | null; sha256: string }
  | { accepted: false; problems: string[] };

/**
 * Whether the registry accepts a signed licence or refusal an office sends: every signature valid and
 * chained to the NCA roots the registry trusts, and the last signer an officer of that office's own
 * authority (their certificate's BIN is the authority's) — an office cannot sign for another.
 */
export function checkSignedDecision(pdf: Buffer, trustedRoots: Buffer[], office: EnrolledOffice, now: Date): SignedDecisionCheck {
  const report = verifyPdf(pdf, { trusted: trustedRoots, now });
  const last = report.signatures[report.signatures.length - 1];
  if (!last) return { accepted: false, problems: ['no-signature'] };
  const problems = report.signatures.flatMap((s) => (s.signatureValid ? s.problems : ['signature-invalid', ...s.problems]));
  if (last.signer?.bin !== office.authorityBin) problems.push('signer-not-of-this-authority');
  if (problems.length > 0 || !report.valid) return { accepted: false, problems: problems.length ? [...new Set(problems)] : ['invalid'] };
  return { accepted: true, signerIin: last.signer?.iin ?? null, sha256: report.file.sha256 };
}
