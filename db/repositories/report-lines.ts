import { STEPS, type StepCode } from '../../domain/applications/steps';
import type { Db } from '../db';

/** A decision signed in the period, with what the decisions report prints of its application. */
export interface DecisionLine {
  number: string;
  kind: 'licence' | 'refusal';
  /** A refusal of further consideration (documents incomplete), not on the requirements. */
  incomplete: number;
  signedAt: string;
  signerName: string;
  reason: string;
  procedure: string;
  originalNumber: string | null;
  journalNumber: string | null;
  applicantName: string;
  applicantIdn: string;
  serviceCode: string;
}

/** Licences and refusals signed in [from, until) (instants), in the order signed (decisions_signed_at reads them). */
export function decisionLines(db: Db, from: string, until: string, limit: number): DecisionLine[] {
  return db
    .prepare(
      `SELECT d.number, d.kind, (cr.decision_id IS NOT NULL) AS incomplete, d.signed_at AS signedAt, d.signer_name AS signerName, d.reason,
         a.procedure, a.original_number AS originalNumber, a.journal_number AS journalNumber,
         coalesce(json_extract(a.applicant_json, '$.name'), '') AS applicantName, a.applicant_idn AS applicantIdn, a.service_code AS serviceCode
       FROM decisions d JOIN applications a ON a.id = d.application_id
       LEFT JOIN consideration_refusals cr ON cr.decision_id = d.id
       WHERE d.signed_at >= ? AND d.signed_at < ?
       ORDER BY d.signed_at, d.number LIMIT ?`,
    )
    .all(from, until, limit) as DecisionLine[];
}

/** A step that overran its deadline: whose it was, and (ended) who ended it. */
export interface OverdueStepLine {
  step: StepCode;
  startedAt: string;
  dueAt: string;
  endedAt: string | null;
  endedByName: string | null;
  executorName: string | null;
  journalNumber: string | null;
  applicantName: string;
  serviceCode: string;
  procedure: string;
}

/**
 * The steps that fell due in [from, until) and overran: ended after their due time, or still open past it
 * at `now`. Each step's rows are read by its own index range (step, ended_at), the open ones by their due time.
 */
export function overdueStepLines(db: Db, from: string, until: string, now: string, limit: number): OverdueStepLine[] {
  return db
    .prepare(
      `SELECT s.step, s.started_at AS startedAt, s.due_at AS dueAt, s.ended_at AS endedAt, e.full_name AS endedByName, x.full_name AS executorName,
         a.journal_number AS journalNumber, coalesce(json_extract(a.applicant_json, '$.name'), '') AS applicantName, a.service_code AS serviceCode, a.procedure
       FROM (
         SELECT * FROM application_steps WHERE step IN (SELECT value FROM json_each(@steps)) AND ended_at > @from AND due_at >= @from AND due_at < @until AND ended_at > due_at
         UNION ALL
         SELECT * FROM application_steps WHERE ended_at IS NULL AND due_at >= @from AND due_at < @until AND due_at < @now
       ) s
       JOIN applications a ON a.id = s.application_id
       LEFT JOIN users e ON e.id = s.ended_by
       LEFT JOIN users x ON x.id = a.executor_id
       ORDER BY s.due_at, a.journal_number LIMIT @limit`,
    )
    .all({ steps: JSON.stringify(STEPS), from, until, now, limit }) as OverdueStepLine[];
}

/** How many answered each way, per service, of the results handed out in [from, until). */
export interface SurveyCount {
  serviceCode: string;
  question: 'process' | 'information';
  answer: 'not-satisfied' | 'partly' | 'satisfied';
  n: number;
}

export function surveyCounts(db: Db, from: string, until: string): SurveyCount[] {
  return db
    .prepare(
      `SELECT serviceCode, question, answer, count(*) AS n FROM (
         SELECT a.service_code AS serviceCode, 'process' AS question, h.survey_process AS answer
           FROM handouts h JOIN applications a ON a.id = h.application_id WHERE h.handed_at >= @from AND h.handed_at < @until AND h.survey_at IS NOT NULL
         UNION ALL
         SELECT a.service_code, 'information', h.survey_information
           FROM handouts h JOIN applications a ON a.id = h.application_id WHERE h.handed_at >= @from AND h.handed_at < @until AND h.survey_at IS NOT NULL
       ) GROUP BY serviceCode, question, answer ORDER BY serviceCode, question, answer`,
    )
    .all({ from, until }) as SurveyCount[];
}
