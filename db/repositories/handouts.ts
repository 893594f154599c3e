import type { Db } from '../db';
import { recordOf } from '../rows';

export type HandoutMethod = 'in-person' | 'representative' | 'post' | 'electronic';
export type SurveyAnswer = 'not-satisfied' | 'partly' | 'satisfied';

export interface HandoutRecord {
  applicationId: string;
  handedAt: string;
  recipient: string;
  recipientIdn: string | null;
  method: HandoutMethod;
  /** The clerk who recorded it here; null when recorded at another desk of the office. */
  recordedBy: string | null;
  recordedAt: string;
  surveyProcess: SurveyAnswer | null;
  surveyInformation: SurveyAnswer | null;
  surveyAt: string | null;
}

export function handoutOf(db: Db, applicationId: string): HandoutRecord | null {
  const row = db.prepare('SELECT * FROM handouts WHERE application_id = ?').get(applicationId) as Record<string, unknown> | undefined;
  return row ? recordOf<HandoutRecord>(row) : null;
}

/** False when the application was handed out already (the first record stands). */
export function insertHandout(db: Db, h: Omit<HandoutRecord, 'surveyProcess' | 'surveyInformation' | 'surveyAt'>): boolean {
  const result = db
    .prepare(
      `INSERT INTO handouts (application_id, handed_at, recipient, recipient_idn, method, recorded_by, recorded_at)
       VALUES (@applicationId, @handedAt, @recipient, @recipientIdn, @method, @recordedBy, @recordedAt) ON CONFLICT DO NOTHING`,
    )
    .run(h);
  return result.changes === 1;
}

/** False when there is no hand-out yet, or its survey was recorded already (the applicant answers once). */
export function recordSurveyAnswers(db: Db, applicationId: string, answers: { process: SurveyAnswer; information: SurveyAnswer }, at: string): boolean {
  const result = db
    .prepare('UPDATE handouts SET survey_process = ?, survey_information = ?, survey_at = ? WHERE application_id = ? AND survey_process IS NULL')
    .run(answers.process, answers.information, at, applicationId);
  return result.changes === 1;
}
