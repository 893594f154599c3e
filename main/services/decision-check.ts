import type { ApplicationRecord } from '../../db/repositories/applications';
import { getApplication } from '../../db/repositories/applications';
import type { DecisionRecord } from '../../db/repositories/decisions';
import type { Db } from '../../db/db';
import { decisionFactsIn, differencesFromDocument, type DecisionFacts } from '../licence/decision-facts';

/** The facts of a decision as the office's record (the decision row and its application) states them. */
export function recordedFacts(decision: DecisionRecord, app: Pick<ApplicationRecord, 'journalNumber' | 'applicantIdn'> | null): DecisionFacts {
  return {
    kind: decision.kind,
    number: decision.number,
    signedAt: decision.signedAt,
    applicationId: decision.applicationId,
    journalNumber: app?.journalNumber ?? null,
    applicantIdn: app?.applicantIdn ?? '',
    signerUserId: decision.signerUserId,
    signerName: decision.signerName,
    signerIin: decision.signerIin,
    reason: decision.reason,
    qr: decision.qrPayload,
  };
}

/**
 * Every field in which the office's record of a decision differs from a signed document of it: the
 * document's own facts, its QR text, its signer's IIN, and — the stored file being the record's — its
 * bytes.
 */
export async function differencesFromRecord(db: Db, decision: DecisionRecord, pdf: Buffer, document: { sha256: string; certificateIin: string | null }): Promise<string[]> {
  const said = await decisionFactsIn(pdf);
  const differences = differencesFromDocument(recordedFacts(decision, getApplication(db, decision.applicationId)), { ...said, certificateIin: document.certificateIin });
  if (document.sha256 !== decision.pdfSha256) differences.push('file');
  return differences;
}
