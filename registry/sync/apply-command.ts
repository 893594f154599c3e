import { transitionTarget, type ApplicationStatus, type Transition } from '../../domain/applications/status';
import { parseDuplicateNumber, parseLicenceNumber } from '../../domain/sync/licence-numbers';
import { parseOfficeNumber } from '../../domain/sync/office-numbers';
import { officeCounter } from './lease';
import type { Command, Rejection, SignedDecisionRef } from '../../domain/sync/protocol';
import type { ChecklistAnswers, IncompleteDocuments, LicenceDraftFacts, OfficeFact } from '../../domain/events/office-events';
import type { Sql } from '../db/sql';
import type { Desk } from '../enrolment/enrolment';
import { checkSignedDecision } from '../licences/signed-decision';

/**
 * A command the registry refuses for good; the push records the reason and moves on. Every check that
 * can refuse comes before the command's first write (the push relies on it, and fails loudly if not).
 */
export class Rejected extends Error {
  constructor(readonly reason: Rejection) {
    super(reason);
  }
}

export interface ApplyContext {
  tx: Sql;
  desk: Desk;
  now: Date;
  trustedRoots: Buffer[];
  /** The batch's applications, read and locked at once (see lockApplications); kept current as commands move them. */
  applications?: Map<string, StoredApplication>;
  /** The services an application may be for (read once a push, when a registration asks). */
  serviceCodes: () => Promise<ReadonlySet<string>>;
}

/** How far ahead of the registry's clock a desk's clock may run: a day (a desk's time is its own; a date past that is a broken clock or worse). */
const CLOCK_AHEAD_MS = 24 * 3600_000;
/** A deadline is set from the registration: never before it, never beyond a year after it. */
const DUE_WITHIN_MS = 366 * 24 * 3600_000;

function notAhead(ctx: ApplyContext, instant: string) {
  if (Date.parse(instant) > ctx.now.getTime() + CLOCK_AHEAD_MS) throw new Rejected('date-out-of-range');
}

const APPLICATION_COLUMNS = 'id, office_id, authority_bin, status, applicant_idn, applicant_name, service_code, procedure';

/** A batch's applications read and locked in one statement rather than one per command (a backlog is mostly steps). */
export async function lockApplications(tx: Sql, desk: Desk, ids: string[]): Promise<Map<string, StoredApplication>> {
  const rows = await tx.query<StoredApplication>(`SELECT ${APPLICATION_COLUMNS} FROM applications WHERE id = ANY($1) AND authority_bin = $2 ORDER BY id FOR UPDATE`, [ids, desk.authorityBin]);
  return new Map(rows.map((r) => [r.id, r]));
}

export interface StoredApplication {
  id: string;
  office_id: string;
  authority_bin: string;
  status: ApplicationStatus;
  applicant_idn: string;
  applicant_name: string;
  service_code: string;
  procedure: string;
}

async function change(ctx: ApplyContext, body: Record<string, unknown>) {
  await ctx.tx.query('INSERT INTO changes (authority_bin, body) VALUES ($1, $2)', [ctx.desk.authorityBin, JSON.stringify(body)]);
}

/** The application's status history and the authority's change for its desks, in one statement. */
async function recordStep(ctx: ApplyContext, command: Command, status: ApplicationStatus, body: Record<string, unknown>) {
  await ctx.tx.query(
    `WITH step AS (
       INSERT INTO application_history (application_id, event_type, status, at, client_id, mutation_id) VALUES ($1, $2, $3, $4, $5, $6)
     ) INSERT INTO changes (authority_bin, body) VALUES ($7, $8)`,
    [command.applicationId, command.type, status, command.at, ctx.desk.clientId, command.mutationId, ctx.desk.authorityBin, JSON.stringify(body)],
  );
}

/** The application as the registry holds it, locked for this push; only the desk's own authority's. */
async function applicationFor(ctx: ApplyContext, command: Command): Promise<StoredApplication> {
  const app =
    ctx.applications?.get(command.applicationId) ??
    (await ctx.tx.query<StoredApplication>(`SELECT ${APPLICATION_COLUMNS} FROM applications WHERE id = $1 FOR UPDATE`, [command.applicationId]))[0];
  // Another authority's application is as unknown as one that does not exist: no answer tells the two apart.
  if (!app || app.authority_bin !== ctx.desk.authorityBin) throw new Rejected('application-unknown');
  return app;
}

/** Transitions in the order they arrive; one that no longer fits the state is refused (another desk got there first). */
async function move(
  ctx: ApplyContext,
  command: Command,
  app: StoredApplication,
  transition: Transition,
  set: { executorId?: string; checklist?: ChecklistAnswers; draft?: LicenceDraftFacts; incomplete?: IncompleteDocuments; decision?: SignedDecisionRef } = {},
) {
  const to = transitionTarget(app.status, transition);
  if (!to) throw new Rejected('transition-not-allowed');
  const body = {
    kind: 'application.status',
    applicationId: app.id,
    mutationId: command.mutationId,
    status: to,
    at: command.at,
    executorId: set.executorId ?? null,
    clientId: ctx.desk.clientId,
    ...(set.checklist ? { checklist: set.checklist } : {}),
    ...(set.draft ? { draft: set.draft } : {}),
    ...(set.incomplete ? { incomplete: set.incomplete } : {}),
    ...(set.decision ? { decision: set.decision } : {}),
  };
  // The new status, its history row and the authority's change for its desks: one statement, one round trip.
  await ctx.tx.query(
    `WITH moved AS (
       UPDATE applications SET status = $3, executor_id = COALESCE($7, executor_id), updated_at = $4 WHERE id = $1
     ), step AS (
       INSERT INTO application_history (application_id, event_type, status, at, client_id, mutation_id) VALUES ($1, $2, $3, $4, $5, $6)
     ) INSERT INTO changes (authority_bin, body) VALUES ($8, $9)`,
    [app.id, command.type, to, command.at, ctx.desk.clientId, command.mutationId, set.executorId ?? null, ctx.desk.authorityBin, JSON.stringify(body)],
  );
  ctx.applications?.set(app.id, { ...app, status: to });
  return to;
}

async function nextCounter(tx: Sql, name: string, by = 1): Promise<number> {
  // A row lock on the counter: two instances taking numbers at once wait for each other, never share one.
  const [row] = await tx.query<{ value: number }>(
    'INSERT INTO counters (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = counters.value + $2 RETURNING value',
    [name, by],
  );
  return row!.value;
}

/** An office number (journal, refusal) used by a desk: the office's sequence moves past it, so no block leased later covers it. */
async function officeNumberUsed(ctx: ApplyContext, number: string) {
  const parsed = parseOfficeNumber(number);
  if (!parsed) return;
  await ctx.tx.query('INSERT INTO counters (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = GREATEST(counters.value, $2)', [
    officeCounter(parsed.series, ctx.desk.officeId, parsed.year.slice(2)),
    parsed.seq,
  ]);
}

async function register(ctx: ApplyContext, command: Extract<Command, { type: 'application.registered' }>): Promise<string> {
  const { serviceCode, procedure, applicant } = command.payload;
  if (!serviceCode || !procedure || !applicant) throw new Rejected('registration-incomplete');
  if (parseOfficeNumber(command.payload.journalNumber)?.officeCode !== ctx.desk.officeCode) throw new Rejected('number-of-another-office');
  const registered = Date.parse(command.at);
  const due = Date.parse(`${command.payload.dueDate}T23:59:59Z`);
  if (due < registered - CLOCK_AHEAD_MS || due > registered + DUE_WITHIN_MS) throw new Rejected('date-out-of-range');
  if (!(await ctx.serviceCodes()).has(serviceCode)) throw new Rejected('service-unknown');
  const [exists] = await ctx.tx.query('SELECT 1 FROM applications WHERE id = $1 OR (office_id = $2 AND journal_number = $3) LIMIT 1', [
    command.applicationId,
    ctx.desk.officeId,
    command.payload.journalNumber,
  ]);
  if (exists) throw new Rejected('application-exists');
  const year = command.at.slice(0, 4);
  const registryNumber = `${year}-${ctx.desk.letters}-${String(await nextCounter(ctx.tx, `application:${year}`)).padStart(8, '0')}`;
  await ctx.tx.query(
    `INSERT INTO applications (id, office_id, authority_bin, registry_number, journal_number, service_code, procedure, applicant_kind, applicant_idn,
       applicant_name, applicant_name_kk, status, registered_at, due_date, form_sha256, updated_at, details, documents)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'registered', $12, $13, $14, $12, $15, $16)`,
    [
      command.applicationId,
      ctx.desk.officeId,
      ctx.desk.authorityBin,
      registryNumber,
      command.payload.journalNumber,
      serviceCode,
      procedure,
      applicant.kind,
      applicant.idn,
      applicant.name,
      applicant.nameKk,
      command.at,
      command.payload.dueDate,
      command.payload.formSha256,
      command.payload.details ? JSON.stringify(command.payload.details) : null,
      JSON.stringify(command.payload.documents ?? []),
    ],
  );
  await officeNumberUsed(ctx, command.payload.journalNumber);
  // Everything another desk of the office needs to take it up, in the order of the authority's changes.
  await recordStep(ctx, command, 'registered', {
    kind: 'application.registered',
    applicationId: command.applicationId,
    registryNumber,
    officeCode: ctx.desk.officeCode,
    record: {
      journalNumber: command.payload.journalNumber,
      registeredAt: command.at,
      dueDate: command.payload.dueDate,
      formSha256: command.payload.formSha256,
      serviceCode,
      procedure,
      details: command.payload.details ?? null,
      documents: command.payload.documents ?? [],
    },
  });
  return registryNumber;
}

async function signedDecision(ctx: ApplyContext, pdfSha256: string) {
  const [file] = await ctx.tx.query<{ content: Uint8Array }>('SELECT content FROM files WHERE sha256 = $1', [pdfSha256]);
  const check = checkSignedDecision(Buffer.from(file!.content), ctx.trustedRoots, { authorityBin: ctx.desk.authorityBin }, ctx.now);
  if (check.accepted) return;
  const problems = new Set(check.problems);
  if (problems.has('no-signature')) throw new Rejected('not-signed');
  if (problems.has('signature-invalid')) throw new Rejected('signature-invalid');
  if (problems.has('signer-not-of-this-authority')) throw new Rejected('signer-not-of-this-authority');
  throw new Rejected('untrusted-chain');
}

const qrDigest = (qr: string | undefined) => (qr?.startsWith('AJO1|') ? (qr.split('|')[4] ?? null) : null);

async function issue(ctx: ApplyContext, command: Extract<Command, { type: 'licence.issued' }>): Promise<string> {
  const app = await applicationFor(ctx, command);
  if (!transitionTarget(app.status, 'issue')) throw new Rejected('transition-not-allowed');
  if (app.procedure === 'duplicate') return issueDuplicate(ctx, command, app);
  const { number, pdfSha256, decisionId, qr } = command.payload;
  const parsed = parseLicenceNumber(number);
  if (!parsed) throw new Rejected('licence-number-not-leased');
  const [used] = await ctx.tx.query('SELECT 1 FROM licences WHERE number = $1 OR decision_id = $2', [number, decisionId]);
  if (used) throw new Rejected('licence-number-used');
  const [leased] = await ctx.tx.query(
    'SELECT 1 FROM licence_blocks WHERE client_id = $1 AND year = $2 AND letters = $3 AND first <= $4 AND last >= $4',
    [ctx.desk.clientId, parsed.year, parsed.letters, parsed.seq],
  );
  if (!leased) throw new Rejected('licence-number-not-leased');
  const original = command.payload.originalNumber ? await reissuable(ctx, app, command.payload.originalNumber) : null;
  await signedDecision(ctx, pdfSha256);
  await move(ctx, command, app, 'issue', { decision: { decisionId, number, pdfSha256 } });
  await ctx.tx.query(
    `INSERT INTO licences (number, application_id, decision_id, office_id, authority_bin, holder_idn, holder_name, service_code, status, issued_at, pdf_sha256, qr_digest, original_number)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9, $10, $11, $12)`,
    [number, app.id, decisionId, ctx.desk.officeId, ctx.desk.authorityBin, app.applicant_idn, app.applicant_name, app.service_code, command.at, pdfSha256, qrDigest(qr), original?.number ?? null],
  );
  await change(ctx, { kind: 'licence.status', number, applicationId: app.id, status: 'active' });
  if (original) {
    await ctx.tx.query("UPDATE licences SET status = 'reissued' WHERE number = $1", [original.number]);
    await change(ctx, { kind: 'licence.status', number: original.number, applicationId: original.applicationId, status: 'reissued' });
  }
  return number;
}

/**
 * A duplicate: a signed copy of a licence of this authority still in force, known by the licence's number
 * and its place among the duplicates. The licence keeps its number and status; the copy is recorded.
 */
async function issueDuplicate(ctx: ApplyContext, command: Extract<Command, { type: 'licence.issued' }>, app: StoredApplication): Promise<string> {
  const { number, pdfSha256, decisionId, originalNumber } = command.payload;
  if (!originalNumber) throw new Rejected('original-licence-unknown');
  if (parseDuplicateNumber(number)?.licenceNumber !== originalNumber) throw new Rejected('licence-number-not-leased');
  const [used] = await ctx.tx.query('SELECT 1 FROM licence_duplicates WHERE number = $1 OR decision_id = $2', [number, decisionId]);
  if (used) throw new Rejected('decision-number-used');
  const original = await inForce(ctx, originalNumber);
  await signedDecision(ctx, pdfSha256);
  await move(ctx, command, app, 'issue', { decision: { decisionId, number, pdfSha256 } });
  await ctx.tx.query(
    'INSERT INTO licence_duplicates (decision_id, number, licence_number, application_id, office_id, issued_at, pdf_sha256) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [decisionId, number, original.number, app.id, ctx.desk.officeId, command.at, pdfSha256],
  );
  return number;
}

/** The licence a reissue replaces: this authority's, still in force (active or suspended), and only for a reissue. */
async function reissuable(ctx: ApplyContext, app: StoredApplication, originalNumber: string): Promise<{ number: string; applicationId: string }> {
  if (app.procedure !== 'reissue') throw new Rejected('original-only-for-reissue');
  return inForce(ctx, originalNumber);
}

/** A licence of this authority still in force (active or suspended), held against a concurrent reissue. */
async function inForce(ctx: ApplyContext, originalNumber: string): Promise<{ number: string; applicationId: string }> {
  const [original] = await ctx.tx.query<{ status: string; authority_bin: string; application_id: string }>(
    'SELECT status, authority_bin, application_id FROM licences WHERE number = $1 FOR UPDATE',
    [originalNumber],
  );
  if (!original || original.authority_bin !== ctx.desk.authorityBin) throw new Rejected('original-licence-unknown');
  if (original.status !== 'active' && original.status !== 'suspended') throw new Rejected('original-licence-not-current');
  return { number: originalNumber, applicationId: original.application_id };
}

async function refuse(ctx: ApplyContext, command: Extract<Command, { type: 'licence.refused' }>): Promise<string> {
  const app = await applicationFor(ctx, command);
  if (!transitionTarget(app.status, 'refuse')) throw new Rejected('transition-not-allowed');
  const { number, pdfSha256, decisionId } = command.payload;
  if (parseOfficeNumber(number)?.officeCode !== ctx.desk.officeCode) throw new Rejected('number-of-another-office');
  const [used] = await ctx.tx.query('SELECT 1 FROM refusals WHERE decision_id = $1 OR (office_id = $2 AND number = $3)', [decisionId, ctx.desk.officeId, number]);
  if (used) throw new Rejected('decision-number-used');
  await signedDecision(ctx, pdfSha256);
  await move(ctx, command, app, 'refuse', { decision: { decisionId, number, pdfSha256 } });
  await ctx.tx.query('INSERT INTO refusals (decision_id, number, office_id, application_id, refused_at, pdf_sha256) VALUES ($1, $2, $3, $4, $5, $6)', [
    decisionId,
    number,
    ctx.desk.officeId,
    app.id,
    command.at,
    pdfSha256,
  ]);
  await officeNumberUsed(ctx, number);
  return number;
}

/** When each fact of the office may be recorded: the completeness check while assigned, the hand-out and survey once decided. */
const FACT_ALLOWED_IN: Record<OfficeFact['type'], readonly ApplicationStatus[]> = {
  'application.completeness-confirmed': ['assigned'],
  'application.handed-out': ['issued', 'refused'],
  'application.survey-recorded': ['issued', 'refused'],
  // The databases may answer, and the clerk take their data, at any time after the registration.
  'application.identity-checked': ['registered', 'assigned', 'ready-for-decision', 'issued', 'refused'],
  'application.identity-resolved': ['registered', 'assigned', 'ready-for-decision', 'issued', 'refused'],
};

/** A fact of the office that moves no status: kept in the application's history and relayed to the authority's desks as it came. */
async function relayFact(ctx: ApplyContext, command: Extract<Command, { type: OfficeFact['type'] }>): Promise<null> {
  const app = await applicationFor(ctx, command);
  if (!FACT_ALLOWED_IN[command.type].includes(app.status)) throw new Rejected('transition-not-allowed');
  const fact = { type: command.type, entity: command.entity, payload: command.payload };
  await recordStep(ctx, command, app.status, { kind: 'application.fact', applicationId: app.id, mutationId: command.mutationId, at: command.at, clientId: ctx.desk.clientId, fact });
  return null;
}

/** Applies one command; what it returns is the registry's number for it (application or licence), if any. */
export async function applyCommand(ctx: ApplyContext, command: Command): Promise<string | null> {
  notAhead(ctx, command.at);
  if (command.type === 'application.handed-out') notAhead(ctx, command.payload.handedAt);
  switch (command.type) {
    case 'application.registered':
      return register(ctx, command);
    case 'application.assigned':
      await move(ctx, command, await applicationFor(ctx, command), 'assign', { executorId: command.payload.executorId });
      return null;
    case 'application.submitted-for-decision':
      await move(ctx, command, await applicationFor(ctx, command), 'submit-for-decision', {
        ...(command.payload.checklist ? { checklist: command.payload.checklist } : {}),
        ...(command.payload.draft ? { draft: command.payload.draft } : {}),
        ...(command.payload.incomplete ? { incomplete: command.payload.incomplete } : {}),
      });
      return null;
    case 'application.returned-to-executor':
      await move(ctx, command, await applicationFor(ctx, command), 'return-to-executor');
      return null;
    case 'licence.issued':
      return issue(ctx, command);
    case 'licence.refused':
      return refuse(ctx, command);
    case 'application.completeness-confirmed':
    case 'application.handed-out':
    case 'application.survey-recorded':
    case 'application.identity-checked':
    case 'application.identity-resolved':
      return relayFact(ctx, command);
  }
}
