import type { Db } from '../db';
import { preparedOnce, recordOf } from '../rows';

/** A licence this desk knows (signed here or at another desk of the office), as a reissue or a duplicate names it. */
export interface LicenceRecord {
  number: string;
  decisionId: string;
  applicationId: string;
  signedAt: string;
  serviceCode: string;
  applicantKind: 'legal' | 'individual';
  applicantIdn: string;
  applicantJson: string;
  /** The licence that replaced it: a reissue issued at this office (null while none is). */
  reissuedAs: string | null;
  /** What the registry last said of it (licence-suspended, licence-revoked, licence-reissued), if anything. */
  registryStatus: string | null;
}

// A duplicate's decision is a copy of a licence, not a licence of its own: never offered as an original.
const SELECT = `
  SELECT d.number, d.id AS decision_id, d.application_id, d.signed_at, a.service_code, a.applicant_kind, a.applicant_idn, a.applicant_json,
    (SELECT rd.number FROM applications r JOIN decisions rd ON rd.application_id = r.id
      WHERE r.original_number = d.number AND r.procedure = 'reissue' AND rd.kind = 'licence' LIMIT 1) AS reissued_as,
    (SELECT s.registry_status FROM application_sync s WHERE s.application_id = a.id AND s.registry_status GLOB 'licence-*') AS registry_status
  FROM decisions d JOIN applications a ON a.id = d.application_id
  WHERE d.kind = 'licence' AND a.procedure <> 'duplicate'`;

const toRecord = (row: Record<string, unknown>) => recordOf<LicenceRecord>(row);

export function licenceByNumber(db: Db, number: string): LicenceRecord | null {
  const row = preparedOnce(db, `${SELECT} AND d.number = ?`).get(number) as Record<string, unknown> | undefined;
  return row ? toRecord(row) : null;
}

/** Licences whose number starts so (the decisions' unique index serves the prefix), newest first. */
export function licencesByNumberPrefix(db: Db, prefix: string, limit: number): LicenceRecord[] {
  // Letters and digits only reach here (the caller's pattern): nothing GLOB would read as a pattern.
  return (preparedOnce(db, `${SELECT} AND d.number GLOB ? ORDER BY d.number DESC LIMIT ?`).all(`${prefix}*`, limit) as Record<string, unknown>[]).map(toRecord);
}

/** The licences of these applications (issued ones among a journal search's), in the order given. */
export function licencesOfApplications(db: Db, applicationIds: readonly string[]): LicenceRecord[] {
  const rows = preparedOnce(db, `${SELECT} AND d.application_id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(applicationIds)) as Record<string, unknown>[];
  const byApplication = new Map(rows.map((row) => [row.application_id as string, toRecord(row)]));
  return applicationIds.flatMap((id) => byApplication.get(id) ?? []);
}

/** How many duplicates of this licence the office has given: the next one's number follows. */
export function duplicatesOf(db: Db, originalNumber: string): number {
  return (
    db
      .prepare("SELECT count(*) AS n FROM applications a JOIN decisions d ON d.application_id = a.id WHERE a.original_number = ? AND a.procedure = 'duplicate'")
      .get(originalNumber) as { n: number }
  ).n;
}
