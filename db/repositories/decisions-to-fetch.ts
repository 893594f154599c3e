import type { Db } from '../db';
import { recordOf } from '../rows';

/** A decision signed at another desk of the office, named by the registry, its signed PDF not taken in yet (migration 30). */
export interface DecisionToFetch {
  applicationId: string;
  decisionId: string;
  number: string;
  pdfSha256: string;
  /** The desk (its client id) where it was signed. */
  signedAtDesk: string;
  receivedAt: string;
  /** Why the last fetched file was not taken (null: not fetched yet). */
  problem: string | null;
}

export function putDecisionToFetch(db: Db, d: Omit<DecisionToFetch, 'problem'>): void {
  db.prepare(
    `INSERT INTO decisions_to_fetch (application_id, decision_id, number, pdf_sha256, signed_at_desk, received_at)
     VALUES (@applicationId, @decisionId, @number, @pdfSha256, @signedAtDesk, @receivedAt)
     ON CONFLICT (application_id) DO NOTHING`,
  ).run(d);
}

export function decisionsToFetch(db: Db): DecisionToFetch[] {
  return (db.prepare('SELECT * FROM decisions_to_fetch ORDER BY received_at, application_id').all() as Record<string, unknown>[]).map((row) => recordOf<DecisionToFetch>(row));
}

export function decisionToFetchOf(db: Db, applicationId: string): DecisionToFetch | null {
  const row = db.prepare('SELECT * FROM decisions_to_fetch WHERE application_id = ?').get(applicationId) as Record<string, unknown> | undefined;
  return row ? recordOf<DecisionToFetch>(row) : null;
}

export function noteDecisionProblem(db: Db, applicationId: string, problem: string): void {
  db.prepare('UPDATE decisions_to_fetch SET problem = ? WHERE application_id = ?').run(problem, applicationId);
}

export function removeDecisionToFetch(db: Db, applicationId: string): void {
  db.prepare('DELETE FROM decisions_to_fetch WHERE application_id = ?').run(applicationId);
}
