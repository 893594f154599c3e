import type { Db } from '../db';

/** One line of the registration journal as the office keeps it on paper. */
export interface JournalLine {
  journalNumber: string;
  registeredAt: string;
  applicantName: string;
  applicantIdn: string;
  serviceCode: string;
  procedure: string;
  executorName: string | null;
  status: string;
  decisionKind: string | null;
  decisionNumber: string | null;
  decidedAt: string | null;
  handedAt: string | null;
  recipient: string | null;
}

/** The applications registered in [from, until) (instants), in journal order; at most `limit` of them. */
export function journalLines(db: Db, from: string, until: string, limit: number): JournalLine[] {
  return db
    .prepare(
      `SELECT a.journal_number AS journalNumber, a.registered_at AS registeredAt,
         coalesce(json_extract(a.applicant_json, '$.name'), '') AS applicantName, a.applicant_idn AS applicantIdn,
         a.service_code AS serviceCode, a.procedure, u.full_name AS executorName, a.status,
         d.kind AS decisionKind, d.number AS decisionNumber, d.signed_at AS decidedAt, h.handed_at AS handedAt, h.recipient
       FROM applications a
       LEFT JOIN users u ON u.id = a.executor_id
       LEFT JOIN decisions d ON d.application_id = a.id
       LEFT JOIN handouts h ON h.application_id = a.id
       WHERE a.registered_at >= ? AND a.registered_at < ? AND a.journal_number IS NOT NULL
       ORDER BY a.registered_at, a.journal_number
       LIMIT ?`,
    )
    .all(from, until, limit) as JournalLine[];
}
