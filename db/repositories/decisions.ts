import type { Db } from '../db';
import { recordOf } from '../rows';

export interface DecisionRecord {
  id: string;
  applicationId: string;
  kind: 'licence' | 'refusal';
  number: string;
  reason: string;
  pdfSha256: string;
  signedAt: string;
  signerUserId: string;
  signerName: string;
  signerIin: string;
  qrPayload: string;
}

const toRecord = (row: Record<string, unknown>) => recordOf<DecisionRecord>(row);

export function insertDecision(db: Db, d: DecisionRecord): void {
  db.prepare(
    `INSERT INTO decisions (id, application_id, kind, number, reason, pdf_sha256, signed_at, signer_user_id, signer_name, signer_iin, qr_payload)
     VALUES (@id, @applicationId, @kind, @number, @reason, @pdfSha256, @signedAt, @signerUserId, @signerName, @signerIin, @qrPayload)`,
  ).run(d);
}

export function decisionOf(db: Db, applicationId: string): DecisionRecord | null {
  const row = db.prepare('SELECT * FROM decisions WHERE application_id = ?').get(applicationId) as Record<string, unknown> | undefined;
  return row ? toRecord(row) : null;
}

export function getDecision(db: Db, id: string): DecisionRecord | null {
  const row = db.prepare('SELECT * FROM decisions WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  return row ? toRecord(row) : null;
}

export function decisionByNumber(db: Db, number: string): DecisionRecord | null {
  const row = db.prepare('SELECT * FROM decisions WHERE number = ?').get(number) as Record<string, unknown> | undefined;
  return row ? toRecord(row) : null;
}
