import { createHash } from 'node:crypto';
import { kazakhstanDate } from '../../domain/calendar/working-days';
import { leaseRunningLow } from '../../domain/sync/licence-numbers';
import { filesNamed } from '../../domain/sync/files-named';
import {
  Command,
  DeskUsersResponse,
  FileStateResponse,
  isReferenceChange,
  Lease,
  MAX_CHUNK_BYTES,
  MAX_DESK_USERS,
  MAX_PUSH_COMMANDS,
  PullResponse,
  PushResponse,
  type NumberSeries,
} from '../../domain/sync/protocol';
import { newId } from '../../db/ids';
import { chainHead } from '../../db/audit/verify';
import { addBlock, numbersLeft } from '../../db/repositories/licence-blocks';
import { ownUsers } from '../../db/repositories/office-directory';
import { addOfficeBlock, officeNumbersLeft } from '../../db/repositories/office-number-blocks';
import { getAuthority } from '../../db/repositories/authority';
import { OFFICE_SERIES } from '../../domain/sync/office-numbers';
import { acknowledge, waitingCommands, type OutboxRow } from '../../db/repositories/outbox';
import { clearSyncValue, getSyncValue, recordRegistryFacts, setSyncValue, type Enrolment } from '../../db/repositories/registry-link';
import { inTransaction, type CoreContext } from '../context';
import { applyChange } from './receive';
import { applyReference } from './reference';
import { withReceivedReference } from '../catalogue/reference';
import { recountOpenSteps } from '../services/steps';
import { RegistryRefused, type RegistryTransport } from './transport';
import { DIVERGED } from './enrol';
import { pendingLeaseKey } from './numbers-held';
import { fetchOfficeDecisions } from './decisions';

export type SyncContext = Pick<CoreContext, 'db' | 'blobs' | 'now' | 'catalogue' | 'calendar'>;

export interface SyncOptions {
  /** How many licence numbers to lease at a time. */
  leaseSize: number;
  /** How far the round is: commands acknowledged of those waiting, or files (and their bytes) sent. */
  onProgress?: (progress: { phase: 'upload' | 'push'; done: number; total: number; bytes?: number }) => void;
}

export interface RoundReport {
  leased: number;
  filesUploaded: number;
  bytesUploaded: number;
  pushed: number;
  accepted: number;
  rejected: number;
  pulled: number;
  /** Decisions signed at the office's other desks, their signed PDFs fetched and taken in. */
  decisionsTaken: number;
  waiting: number;
}

/**
 * Asks for the next block of a series (licence numbers, the office's journal or refusal numbers) when
 * the year's run low; a lost answer is asked again under the same lease id and gets the same block.
 */
async function leaseIfLow(ctx: SyncContext, transport: RegistryTransport, enrolment: Enrolment, series: NumberSeries, size: number): Promise<number> {
  const year = kazakhstanDate(ctx.now()).slice(2, 4);
  const left = series === 'licence' ? numbersLeft(ctx.db, year) : officeNumbersLeft(ctx.db, series, year);
  if (!leaseRunningLow(left, size)) return 0;
  const pending = pendingLeaseKey(series);
  let leaseId = getSyncValue(ctx.db, pending);
  if (!leaseId) {
    leaseId = newId();
    setSyncValue(ctx.db, pending, leaseId);
  }
  const lease = await transport.postJson('/v1/lease', { clientId: enrolment.clientId, leaseId, series, year, size }, Lease);
  if (lease.series !== series || lease.leaseId !== leaseId) throw new RegistryRefused(200, 'answer-not-in-protocol', 'a block of another lease');
  const at = ctx.now().toISOString();
  ctx.db.transaction(() => {
    if (lease.series === 'licence') addBlock(ctx.db, lease, at);
    else addOfficeBlock(ctx.db, { ...lease, series: lease.series }, getAuthority(ctx.db)?.officeCode ?? enrolment.officeCode, at);
    clearSyncValue(ctx.db, pending);
  })();
  return lease.last - lease.first + 1;
}

/**
 * A lease the registry refuses (this desk or its office leased its day's allowance) stops no sync: the
 * commands still go up and changes come down; the refusal is listed for the administrator, and the desk
 * asks again next round.
 */
async function leaseUnlessRefused(ctx: SyncContext, transport: RegistryTransport, enrolment: Enrolment, series: NumberSeries, size: number): Promise<number> {
  try {
    return await leaseIfLow(ctx, transport, enrolment, series, size);
  } catch (error) {
    if (!(error instanceof RegistryRefused) || ![409, 429].includes(error.status) || error.code === 'desk-diverged') throw error;
    noteFailure(ctx, error.message);
    return 0;
  }
}

function noteFailure(ctx: SyncContext, message: string) {
  const failure = { at: ctx.now().toISOString(), message };
  // The administrator's screen lists the latest few, newest first (a link down for days is one line a round).
  const recent = JSON.parse(getSyncValue(ctx.db, 'recent-errors') ?? '[]') as (typeof failure)[];
  setSyncValue(ctx.db, 'recent-errors', JSON.stringify([failure, ...recent].slice(0, RECENT_ERRORS)));
  return failure;
}

function commandOf(row: OutboxRow): Command {
  return Command.parse({ ...JSON.parse(row.body), mutationId: row.mutationId });
}

/** Failed rounds the administrator's screen lists. */
export const RECENT_ERRORS = 10;

/** Files go up this many at a time: the registry stores each in its own transaction, so they overlap well. */
const PARALLEL_UPLOADS = 4;

/** A file up to the registry, from where the registry says it has it (a cut upload resumes, a whole one is skipped). */
async function upload(ctx: SyncContext, transport: RegistryTransport, sha256: string, from: { offset: number; complete: boolean }): Promise<number> {
  let state = from;
  if (state.complete) return 0;
  const bytes = ctx.blobs.get(sha256);
  let sent = 0;
  while (!state.complete) {
    const chunk = bytes.subarray(state.offset, state.offset + MAX_CHUNK_BYTES);
    state = await transport.putChunk(sha256, bytes.length, state.offset, chunk);
    sent += chunk.length;
  }
  return sent;
}

/** What the registry answered, recorded in one transaction: each command's outcome, each application's registry number. */
function recordAnswers(ctx: SyncContext, sent: Command[], answer: PushResponse) {
  let accepted = 0;
  let rejected = 0;
  const at = ctx.now().toISOString();
  ctx.db.transaction(() => {
    for (const result of answer.results) {
      const command = sent.find((c) => c.mutationId === result.mutationId);
      if (!command) continue;
      const state = result.outcome;
      const changed = acknowledge(
        ctx.db,
        result.mutationId,
        { state, reason: state === 'rejected' ? result.reason : null, registryNumber: state === 'accepted' ? result.registryNumber : null },
        at,
      );
      if (!changed) continue;
      if (state === 'accepted') accepted++;
      else rejected++;
      if (state === 'accepted' && command.type === 'application.registered' && result.registryNumber) {
        recordRegistryFacts(ctx.db, command.applicationId, { registryNumber: result.registryNumber }, at);
      }
    }
  })();
  return { accepted, rejected };
}

async function push(ctx: SyncContext, transport: RegistryTransport, enrolment: Enrolment, report: RoundReport, options: SyncOptions) {
  // Read and checked once; the registry takes them in order, so each answer says where the next batch starts.
  const waiting = waitingCommands(ctx.db, Number.MAX_SAFE_INTEGER).map(commandOf);
  const files = new Set(waiting.flatMap(filesNamed));
  let filesDone = 0;
  let from = 0;
  while (from < waiting.length) {
    const batch = waiting.slice(from, from + MAX_PUSH_COMMANDS);
    // A batch's files go up before the batch, in the order of the commands that name them (a few at a time).
    const named = [...new Set(batch.flatMap(filesNamed))];
    const states = named.length ? (await transport.postJson('/v1/files/state', { clientId: enrolment.clientId, files: named }, FileStateResponse)).files : {};
    let next = 0;
    const worker = async () => {
      while (next < named.length) {
        const sha256 = named[next++]!;
        const sent = await upload(ctx, transport, sha256, states[sha256] ?? { offset: 0, complete: false });
        if (sent > 0) report.filesUploaded++;
        report.bytesUploaded += sent;
        options.onProgress?.({ phase: 'upload', done: ++filesDone, total: files.size, bytes: report.bytesUploaded });
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_UPLOADS, named.length) }, worker));
    // The audit chain's head goes with every push: the registry keeps it, and a rewrite of what it anchored shows.
    const auditHead = chainHead(ctx.db);
    const answer = await transport.postJson('/v1/push', { clientId: enrolment.clientId, commands: batch, ...(auditHead ? { auditHead } : {}) }, PushResponse);
    const { accepted, rejected } = recordAnswers(ctx, batch, answer);
    report.pushed += accepted + rejected;
    report.accepted += accepted;
    report.rejected += rejected;
    options.onProgress?.({ phase: 'push', done: report.pushed, total: waiting.length });
    const unanswered = waiting.findIndex((c) => c.mutationId > answer.lastMutationId);
    const advanced = unanswered === -1 ? waiting.length : unanswered;
    // Nothing moved: the registry waits for something this round cannot give (a file it still lacks).
    if (advanced <= from) return;
    from = advanced;
  }
}

/** This desk's users, told to the registry when the list changed since it last was (the office's other desks show them). */
async function shareUsers(ctx: SyncContext, transport: RegistryTransport, enrolment: Enrolment): Promise<void> {
  // More people than any desk has would be refused whole; the first of them still go.
  const users = ownUsers(ctx.db).slice(0, MAX_DESK_USERS);
  const digest = createHash('sha256').update(JSON.stringify(users)).digest('hex');
  if (getSyncValue(ctx.db, 'users-shared') === digest) return;
  await transport.postJson('/v1/users', { clientId: enrolment.clientId, users }, DeskUsersResponse);
  setSyncValue(ctx.db, 'users-shared', digest);
}

/**
 * What changed at the registry, a page at a time, each page applied with its cursor in one transaction;
 * a new catalogue or calendar year is worked by from the moment its page is in.
 */
async function pull(ctx: SyncContext, transport: RegistryTransport, enrolment: Enrolment, report: RoundReport) {
  for (;;) {
    const cursor = Number(getSyncValue(ctx.db, 'pull-cursor') ?? '0');
    const page = await transport.postJson('/v1/pull', { clientId: enrolment.clientId, cursor }, PullResponse);
    const at = ctx.now().toISOString();
    const newReference = page.changes.some((c) => c.kind === 'reference.catalogue' || c.kind === 'reference.calendar');
    const reference = inTransaction(ctx, () => {
      for (const change of page.changes) {
        if (isReferenceChange(change)) applyReference(ctx, change, at);
        else applyChange(ctx, change, at, enrolment);
      }
      setSyncValue(ctx.db, 'pull-cursor', String(page.cursor));
      if (!newReference) return null;
      // Open steps fall due by the new calendar year (a decree moved a day) or catalogue deadlines, from this page on.
      const received = withReceivedReference(ctx.db, ctx);
      recountOpenSteps({ ...ctx, ...received });
      return received;
    });
    // The desk works by it once the page is committed.
    if (reference) Object.assign(ctx, reference);
    report.pulled += page.changes.length;
    if (!page.more) return;
  }
}

/**
 * One round of sync: lease licence numbers if low, upload the files the waiting commands name, push the
 * commands in order, tell the registry of this desk's users if they changed, pull what changed. Each
 * step records what it got before the next begins, so a round cut off anywhere is taken up by the next
 * without losing or repeating anything.
 */
export async function syncRound(ctx: SyncContext, transport: RegistryTransport, enrolment: Enrolment, options: SyncOptions): Promise<RoundReport> {
  const report: RoundReport = { leased: 0, filesUploaded: 0, bytesUploaded: 0, pushed: 0, accepted: 0, rejected: 0, pulled: 0, decisionsTaken: 0, waiting: 0 };
  try {
    report.leased = await leaseUnlessRefused(ctx, transport, enrolment, 'licence', options.leaseSize);
    for (const series of OFFICE_SERIES) await leaseUnlessRefused(ctx, transport, enrolment, series, options.leaseSize);
    await push(ctx, transport, enrolment, report, options);
    await shareUsers(ctx, transport, enrolment);
    await pull(ctx, transport, enrolment, report);
    report.decisionsTaken = await fetchOfficeDecisions(ctx, (sha256) => transport.getFile(sha256));
    setSyncValue(ctx.db, 'last-sync-at', ctx.now().toISOString());
    clearSyncValue(ctx.db, 'last-error');
  } catch (error) {
    const failure = noteFailure(ctx, error instanceof Error ? error.message : String(error));
    setSyncValue(ctx.db, 'last-error', JSON.stringify(failure));
    // The registry's word that this desk is not the one it has been talking to: it stays so until enrolled again.
    if (error instanceof RegistryRefused && error.code === 'desk-diverged') setSyncValue(ctx.db, DIVERGED, JSON.stringify({ at: failure.at, detail: error.detail ?? null }));
    throw error;
  } finally {
    report.waiting = waitingCommands(ctx.db, Number.MAX_SAFE_INTEGER).length;
  }
  return report;
}
