import type { Db } from '../db';
import { recordOf } from '../rows';
import type { IdentityState, IdentitySubject, RejectedBecause, UnverifiedBecause } from '../../domain/applications/identity-check';

export interface IdentityCheckRecord {
  applicationId: string;
  subject: IdentitySubject;
  state: IdentityState;
  enteredBecause: UnverifiedBecause;
  rejectedBecause: RejectedBecause | null;
  /** What the clerk entered and certified with the intake form (JSON of the applicant or the PoA). */
  enteredJson: string;
  foundJson: string | null;
  differencesJson: string;
  enteredAt: string;
  checkedAt: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

export function identityChecksOf(db: Db, applicationId: string): IdentityCheckRecord[] {
  return (db.prepare('SELECT * FROM identity_checks WHERE application_id = ? ORDER BY subject').all(applicationId) as Record<string, unknown>[]).map((row) =>
    recordOf<IdentityCheckRecord>(row),
  );
}

export function identityCheck(db: Db, applicationId: string, subject: IdentitySubject): IdentityCheckRecord | null {
  const row = db.prepare('SELECT * FROM identity_checks WHERE application_id = ? AND subject = ?').get(applicationId, subject) as Record<string, unknown> | undefined;
  return row ? recordOf<IdentityCheckRecord>(row) : null;
}

export function insertIdentityCheck(db: Db, c: Pick<IdentityCheckRecord, 'applicationId' | 'subject' | 'enteredBecause' | 'enteredJson' | 'enteredAt'>): void {
  db.prepare(
    `INSERT INTO identity_checks (application_id, subject, state, entered_because, entered_json, entered_at)
     VALUES (@applicationId, @subject, 'pending', @enteredBecause, @enteredJson, @enteredAt)`,
  ).run(c);
}

/** The databases' answer, once: false when the check is no longer pending (another check answered first). */
export function recordIdentityAnswer(
  db: Db,
  c: Pick<IdentityCheckRecord, 'applicationId' | 'subject' | 'state' | 'rejectedBecause' | 'foundJson' | 'differencesJson' | 'checkedAt'>,
): boolean {
  const result = db
    .prepare(
      `UPDATE identity_checks SET state = @state, rejected_because = @rejectedBecause, found_json = @foundJson, differences_json = @differencesJson, checked_at = @checkedAt
       WHERE application_id = @applicationId AND subject = @subject AND state = 'pending'`,
    )
    .run(c);
  return result.changes === 1;
}

/** The clerk took the databases' data: false unless the check showed differences. */
export function resolveIdentityCheck(db: Db, applicationId: string, subject: IdentitySubject, userId: string, at: string): boolean {
  const result = db
    .prepare("UPDATE identity_checks SET state = 'resolved', resolved_by = ?, resolved_at = ? WHERE application_id = ? AND subject = ? AND state = 'differs'")
    .run(userId, at, applicationId, subject);
  return result.changes === 1;
}

export function pendingIdentityChecks(db: Db): Pick<IdentityCheckRecord, 'applicationId' | 'subject'>[] {
  return (db.prepare("SELECT application_id, subject FROM identity_checks WHERE state = 'pending'").all() as Record<string, unknown>[]).map((row) =>
    recordOf<Pick<IdentityCheckRecord, 'applicationId' | 'subject'>>(row),
  );
}
