import type { StepCode } from '../../domain/applications/steps';
import type { ProcedureCode } from '../../domain/catalogue/catalogue';
import type { Db } from '../db';
import { recordOf } from '../rows';

export interface StepRecord {
  id: number;
  applicationId: string;
  step: StepCode;
  startedAt: string;
  dueAt: string;
  /** When the open step turns at risk (null until the core's start counts it, for steps from before it was kept). */
  atRiskAt: string | null;
  endedAt: string | null;
  endedBy: string | null;
}

const toRecord = (row: Record<string, unknown>) => recordOf<StepRecord>(row);

/** The step the application waits on, if any. */
export function openStepOf(db: Db, applicationId: string): StepRecord | null {
  const row = db.prepare('SELECT * FROM application_steps WHERE application_id = ? AND ended_at IS NULL').get(applicationId) as Record<string, unknown> | undefined;
  return row ? toRecord(row) : null;
}

/** The application's steps in the order it went through them. */
export function stepsOf(db: Db, applicationId: string): StepRecord[] {
  return (db.prepare('SELECT * FROM application_steps WHERE application_id = ? ORDER BY started_at, id').all(applicationId) as Record<string, unknown>[]).map(toRecord);
}

export function hasEndedStep(db: Db, applicationId: string, step: StepCode): boolean {
  return db.prepare('SELECT 1 FROM application_steps WHERE application_id = ? AND step = ? AND ended_at IS NOT NULL').get(applicationId, step) !== undefined;
}

/** Ends the open step (if any) at `at`, by `by` (null: at another desk, or by the registry). */
export function endOpenStep(db: Db, applicationId: string, at: string, by: string | null): void {
  db.prepare('UPDATE application_steps SET ended_at = max(?, started_at), ended_by = ? WHERE application_id = ? AND ended_at IS NULL').run(at, by, applicationId);
}

export function startStep(db: Db, s: { applicationId: string; step: StepCode; startedAt: string; dueAt: string; atRiskAt: string }): void {
  db.prepare('INSERT INTO application_steps (application_id, step, started_at, due_at, at_risk_at) VALUES (@applicationId, @step, @startedAt, @dueAt, @atRiskAt)').run(s);
}

export interface OpenStep extends StepRecord {
  serviceCode: string;
  procedure: ProcedureCode;
}

/** Every open step, with what its deadline depends on (for recounting after the calendar or office hours change). */
export function openSteps(db: Db): OpenStep[] {
  return (
    db
      .prepare(
        `SELECT s.*, a.service_code, a.procedure FROM application_steps s JOIN applications a ON a.id = s.application_id
         WHERE s.ended_at IS NULL`,
      )
      .all() as Record<string, unknown>[]
  ).map((row) => recordOf<OpenStep>(row));
}

export function setDueAt(db: Db, id: number, dueAt: string, atRiskAt: string): void {
  db.prepare('UPDATE application_steps SET due_at = ?, at_risk_at = ? WHERE id = ?').run(dueAt, atRiskAt, id);
}

/** Applications still in the office's hands (not yet decided) that wait on no step: those from before steps were kept. */
export function undecidedWithoutStep(db: Db): { id: string; serviceCode: string; procedure: ProcedureCode; status: string; updatedAt: string }[] {
  return (
    db
      .prepare(
        `SELECT a.id, a.service_code, a.procedure, a.status, a.updated_at FROM applications a
         WHERE a.status IN ('draft', 'registered', 'assigned', 'ready-for-decision')
           AND NOT EXISTS (SELECT 1 FROM application_steps s WHERE s.application_id = a.id AND s.ended_at IS NULL)`,
      )
      .all() as Record<string, unknown>[]
  ).map((row) => recordOf(row));
}
