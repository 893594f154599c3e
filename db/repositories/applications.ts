import { AppError } from '../../domain/api/errors';
import type { ApplicationStatus } from '../../domain/applications/status';
import type { StepCode } from '../../domain/applications/steps';
import { nameMatchQuery, parseJournalSearch } from '../../domain/applications/journal-search';
import type { ApplicantKind, ProcedureCode } from '../../domain/catalogue/catalogue';
import type { Db } from '../db';
import { preparedOnce, recordOf } from '../rows';

export interface ApplicationRecord {
  id: string;
  serviceCode: string;
  procedure: ProcedureCode;
  catalogueVersion: string;
  applicantKind: ApplicantKind;
  applicantIdn: string;
  applicantJson: string;
  representationJson: string;
  status: ApplicationStatus;
  journalNumber: string | null;
  createdAt: string;
  createdBy: string;
  registeredAt: string | null;
  dueDate: string | null;
  executorId: string | null;
  executorName: string | null;
  updatedAt: string;
  /** SHA-256 of the canonical intake form the clerk signed at registration, and the file of that CMS. */
  formSha256: string | null;
  formCmsSha256: string | null;
  /** The step it waits on (application_steps), if any. */
  stepCode: StepCode | null;
  stepStartedAt: string | null;
  stepDueAt: string | null;
  /** The licence a reissue or a duplicate is asked for (null for an issue). */
  originalNumber: string | null;
  /** 1 while data entered by hand awaits the state databases or differs from them (identity_checks). */
  identityUnsettled: 0 | 1;
}

const COLUMNS = `a.*, u.full_name AS executor_name, s.step AS step_code, s.started_at AS step_started_at, s.due_at AS step_due_at,
  EXISTS (SELECT 1 FROM identity_checks ic WHERE ic.application_id = a.id AND ic.state IN ('pending', 'differs')) AS identity_unsettled`;
const OPEN_STEP = 'LEFT JOIN application_steps s ON s.application_id = a.id AND s.ended_at IS NULL';
const JOINED = `
  LEFT JOIN users u ON u.id = a.executor_id
  ${OPEN_STEP}`;
const SELECT = `SELECT ${COLUMNS} FROM applications a ${JOINED}`;

/** What an application is inserted with; the rest it gets on its way (columns of applications, or joined). */
type Derived = 'executorName' | 'stepCode' | 'stepStartedAt' | 'stepDueAt' | 'identityUnsettled';

const toRecord = (row: Record<string, unknown>) => recordOf<ApplicationRecord>(row);

export function insertApplication(
  db: Db,
  a: Omit<ApplicationRecord, Derived | 'journalNumber' | 'registeredAt' | 'dueDate' | 'executorId' | 'updatedAt' | 'formSha256' | 'formCmsSha256' | 'originalNumber'> & {
    originalNumber?: string | null;
  },
): void {
  db.prepare(
    `INSERT INTO applications (id, service_code, procedure, catalogue_version, applicant_kind, applicant_idn,
       applicant_json, representation_json, status, created_at, created_by, updated_at, original_number)
     VALUES (@id, @serviceCode, @procedure, @catalogueVersion, @applicantKind, @applicantIdn,
       @applicantJson, @representationJson, @status, @createdAt, @createdBy, @createdAt, @originalNumber)`,
  ).run({ ...a, originalNumber: a.originalNumber ?? null });
}

export function getApplication(db: Db, id: string): ApplicationRecord | null {
  const row = db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as Record<string, unknown> | undefined;
  return row ? toRecord(row) : null;
}

export interface JournalFilter {
  status?: ApplicationStatus;
  year?: number;
  search?: string;
  serviceCode?: string;
  procedure?: string;
  executorId?: string;
  /** Registered (a draft: created) at or after this instant … */
  enteredFrom?: string;
  /** … and before this one. */
  enteredBefore?: string;
  /** Only those whose open step was due before this instant. */
  overdueAt?: string;
  /** By id (UUIDv7, time first: newest or oldest), or by legal deadline (registered ones only). A name search keeps its own order (newest entered). */
  sort?: 'newest' | 'oldest' | 'due';
  /** Drafts listed: everyone's, or only those this user opened (domain/applications/ownership). */
  drafts: { visible: 'all' } | { visible: 'own'; userId: string };
  /** One page in the sort's order: at most `limit` rows, those after the application `after` (the last row of the page before). */
  page: { limit: number; after?: string | undefined };
}

export function listApplications(db: Db, filter: JournalFilter): ApplicationRecord[] {
  const { sql, params } = journalQuery(filter);
  return (preparedOnce(db, sql).all(params) as Record<string, unknown>[]).map(toRecord);
}

export function countApplicationsIn(db: Db, filter: Omit<JournalFilter, 'page'>): number {
  const { from, where, params } = journalConditions(filter);
  // Counting needs the open step only to judge "overdue"; the executor's name not at all.
  const joined = filter.overdueAt ? OPEN_STEP : '';
  return preparedOnce(db, `SELECT count(*) FROM ${from} ${joined} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).pluck().get(params) as number;
}

/** The journal's tables and conditions for a filter, without order or page: shared by its pages and its count. */
function journalConditions(filter: Omit<JournalFilter, 'page'>): { from: string; where: string[]; params: Record<string, unknown>; byName: boolean } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const equal = (column: string, name: string, value: string | undefined) => {
    if (value === undefined) return;
    where.push(`${column} = @${name}`);
    params[name] = value;
  };
  equal('a.status', 'status', filter.status);
  equal('a.service_code', 'serviceCode', filter.serviceCode);
  equal('a.procedure', 'procedure', filter.procedure);
  equal('a.executor_id', 'executorId', filter.executorId);
  if (filter.drafts.visible === 'own') {
    where.push("(a.status <> 'draft' OR a.created_by = @draftsOf)");
    params.draftsOf = filter.drafts.userId;
  }
  if (filter.year) {
    // The very expression applications_year_id indexes.
    where.push('substr(coalesce(a.registered_at, a.created_at), 1, 4) = @year');
    params.year = String(filter.year);
  }
  // The very expression applications_entered_at indexes (migration 29).
  if (filter.enteredFrom) {
    where.push('coalesce(a.registered_at, a.created_at) >= @enteredFrom');
    params.enteredFrom = filter.enteredFrom;
  }
  if (filter.enteredBefore) {
    where.push('coalesce(a.registered_at, a.created_at) < @enteredBefore');
    params.enteredBefore = filter.enteredBefore;
  }
  if (filter.overdueAt) {
    where.push('s.due_at < @overdueAt');
    params.overdueAt = filter.overdueAt;
  }
  const search = filter.search ? parseJournalSearch(filter.search) : null;
  if (search?.kind === 'name') {
    where.push('n.name MATCH @nameQuery');
    params.nameQuery = nameMatchQuery(search.words);
    // CROSS JOIN keeps the name index driving whatever the statistics say (SQLite takes it as the loop order).
    return { from: 'applicant_names n CROSS JOIN applicant_name_rows r ON r.k = n.rowid CROSS JOIN applications a ON a.id = r.id', where, params, byName: true };
  }
  // The deadline order lists registered applications only (a draft has no deadline yet).
  if (filter.sort === 'due') where.push('a.due_date IS NOT NULL');
  if (search?.kind === 'idn') {
    where.push('a.applicant_idn GLOB @idnPrefix');
    params.idnPrefix = `${search.prefix}*`;
  } else if (search?.kind === 'journal-number') {
    where.push('a.journal_number GLOB @numberPrefix');
    // Letters, digits and dashes only (parseJournalSearch): nothing GLOB would read as a pattern.
    params.numberPrefix = `${search.prefix}*`;
  }
  return { from: 'applications a', where, params, byName: false };
}

/** The journal's SQL for a filter (bench:journal runs it raw beside the app's call). */
export function journalQuery(filter: JournalFilter): { sql: string; params: Record<string, unknown> } {
  const { from, where, params, byName } = journalConditions(filter);
  params.limit = filter.page.limit;
  const after = filter.page.after;
  if (after) params.after = after;
  let order: string;
  if (byName) {
    // The name index drives, newest entered first, and stops at the page: a word in half the names costs
    // no more than a rare one. Its pages continue after the last row's key.
    if (after) where.push('n.rowid < (SELECT k FROM applicant_name_rows WHERE id = @after)');
    order = 'n.rowid DESC';
  } else if (filter.sort === 'due') {
    // Soonest deadline first; the pages continue after the last row's (deadline, id).
    if (after) where.push('(a.due_date, a.id) > ((SELECT due_date FROM applications WHERE id = @after), @after)');
    order = 'a.due_date, a.id';
  } else if (filter.sort === 'oldest') {
    if (after) where.push('a.id > @after');
    order = 'a.id';
  } else {
    // Ids are UUIDv7 (time first): ordering and paging by id is newest first, stable under inserts.
    if (after) where.push('a.id < @after');
    order = 'a.id DESC';
  }
  const sql = `SELECT ${COLUMNS} FROM ${from} ${JOINED} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT @limit`;
  return { sql, params };
}

export interface Registration {
  journalNumber: string;
  registeredAt: string;
  dueDate: string;
  formSha256: string;
  formCmsSha256: string;
}

export function markRegistered(db: Db, id: string, r: Registration): void {
  db.prepare(
    `UPDATE applications SET status = 'registered', journal_number = @journalNumber, registered_at = @registeredAt,
       due_date = @dueDate, form_sha256 = @formSha256, form_cms_sha256 = @formCmsSha256, updated_at = @registeredAt
     WHERE id = @id AND status = 'draft'`,
  ).run({ ...r, id });
}

export function setStatus(db: Db, id: string, from: ApplicationStatus, to: ApplicationStatus, at: string): void {
  const result = db.prepare('UPDATE applications SET status = ?, updated_at = ? WHERE id = ? AND status = ?').run(to, at, id, from);
  // Another action moved it first: the user's action is refused as a conflict, not an internal error.
  if (result.changes !== 1) throw new AppError('conflict', 'application-changed');
}

/** Assigns (or reassigns) the executor: only while the application is registered or already assigned. */
export function setExecutor(db: Db, id: string, executorId: string, at: string): void {
  const result = db
    .prepare("UPDATE applications SET executor_id = ?, status = 'assigned', updated_at = ? WHERE id = ? AND status IN ('registered', 'assigned')")
    .run(executorId, at, id);
  if (result.changes !== 1) throw new AppError('conflict', 'application-changed');
}

export function deleteDraft(db: Db, id: string): void {
  db.prepare("DELETE FROM applications WHERE id = ? AND status = 'draft'").run(id);
}

export function countApplications(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM applications').get() as { n: number }).n;
}

/** An application registered at another desk of the office, as the registry handed it over: registered, as it was there. */
export function insertReceivedApplication(
  db: Db,
  a: Omit<ApplicationRecord, Derived | 'executorId' | 'updatedAt' | 'status' | 'formCmsSha256' | 'originalNumber'> & { formCmsSha256: string | null; originalNumber?: string | null },
): void {
  db.prepare(
    `INSERT INTO applications (id, service_code, procedure, catalogue_version, applicant_kind, applicant_idn, applicant_json, representation_json,
       status, journal_number, created_at, created_by, registered_at, due_date, form_sha256, form_cms_sha256, updated_at, original_number)
     VALUES (@id, @serviceCode, @procedure, @catalogueVersion, @applicantKind, @applicantIdn, @applicantJson, @representationJson,
       'registered', @journalNumber, @createdAt, @createdBy, @registeredAt, @dueDate, @formSha256, @formCmsSha256, @registeredAt, @originalNumber)`,
  ).run({ ...a, originalNumber: a.originalNumber ?? null });
}

/** A step taken at another desk, as the registry reports it: the status, and the executor when one of this desk's users. */
export function setStatusFromRegistry(db: Db, id: string, status: ApplicationStatus, executorId: string | null, at: string): void {
  db.prepare('UPDATE applications SET status = ?, executor_id = coalesce(?, executor_id), updated_at = ? WHERE id = ?').run(status, executorId, at, id);
}

export function journalNumberTaken(db: Db, journalNumber: string): boolean {
  return db.prepare('SELECT 1 FROM applications WHERE journal_number = ?').get(journalNumber) !== undefined;
}

/**
 * The applications whose open step is this user's: the head's assignments and signatures, the assigned
 * executor's checks, the clerk's own drafts and every result waiting to be handed out — due first.
 */
export function listMyWork(db: Db, user: { id: string; roles: readonly string[] }, limit: number): ApplicationRecord[] {
  const has = (role: string) => (user.roles.includes(role) ? 1 : 0);
  const rows = preparedOnce(
    db,
    `${SELECT}
       WHERE s.step IS NOT NULL AND (
         (s.step IN ('assign', 'sign') AND @head = 1)
         OR (s.step IN ('completeness', 'prepare') AND @executor = 1 AND a.executor_id = @me)
         OR (s.step = 'register' AND @clerk = 1 AND a.created_by = @me)
         OR (s.step = 'hand-out' AND @clerk = 1))
       ORDER BY s.due_at, a.id LIMIT @limit`,
  ).all({ me: user.id, head: has('head'), executor: has('executor'), clerk: has('clerk'), limit }) as Record<string, unknown>[];
  return rows.map(toRecord);
}

/** The applications with these ids, in the order given (those missing are left out). */
export function applicationsByIds(db: Db, ids: readonly string[]): ApplicationRecord[] {
  const rows = preparedOnce(db, `${SELECT} WHERE a.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Record<string, unknown>[];
  const byId = new Map(rows.map((row) => [row.id as string, toRecord(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The applicant or the representation as the state databases gave them, in place of what was entered by hand. */
export function replaceIdentityData(db: Db, id: string, data: { applicantJson?: string; representationJson?: string }, at: string): void {
  db.prepare(
    'UPDATE applications SET applicant_json = coalesce(@applicantJson, applicant_json), representation_json = coalesce(@representationJson, representation_json), updated_at = @at WHERE id = @id',
  ).run({ id, at, applicantJson: data.applicantJson ?? null, representationJson: data.representationJson ?? null });
}
