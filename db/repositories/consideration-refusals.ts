import type { Db } from '../db';

export interface ConsiderationRefusalRecord {
  applicationId: string;
  /** Codes of the document slots found missing or incomplete. */
  missing: string[];
  reason: string;
  proposedBy: string | null;
  proposedAt: string;
  decisionId: string | null;
}

export function considerationRefusalOf(db: Db, applicationId: string): ConsiderationRefusalRecord | null {
  const row = db.prepare('SELECT * FROM consideration_refusals WHERE application_id = ?').get(applicationId) as Record<string, string | null> | undefined;
  if (!row) return null;
  return {
    applicationId: row.application_id!,
    missing: JSON.parse(row.missing!) as string[],
    reason: row.reason!,
    proposedBy: row.proposed_by ?? null,
    proposedAt: row.proposed_at!,
    decisionId: row.decision_id ?? null,
  };
}

export function proposeConsiderationRefusal(db: Db, p: Omit<ConsiderationRefusalRecord, 'decisionId'>): void {
  db.prepare(
    `INSERT INTO consideration_refusals (application_id, missing, reason, proposed_by, proposed_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (application_id) DO UPDATE SET missing = excluded.missing, reason = excluded.reason, proposed_by = excluded.proposed_by, proposed_at = excluded.proposed_at
     WHERE consideration_refusals.decision_id IS NULL`,
  ).run(p.applicationId, JSON.stringify(p.missing), p.reason, p.proposedBy, p.proposedAt);
}

/** The head sent it back: the proposal is withdrawn (a signed one never is). */
export function withdrawConsiderationRefusal(db: Db, applicationId: string): boolean {
  return db.prepare('DELETE FROM consideration_refusals WHERE application_id = ? AND decision_id IS NULL').run(applicationId).changes === 1;
}

export function markConsiderationRefusalSigned(db: Db, applicationId: string, decisionId: string): void {
  db.prepare('UPDATE consideration_refusals SET decision_id = ? WHERE application_id = ? AND decision_id IS NULL').run(decisionId, applicationId);
}
