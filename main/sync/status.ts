import type { ApplicationSync, SyncStatusView } from '../../domain/api/sync';
import { kazakhstanDate } from '../../domain/calendar/working-days';
import { DEFAULT_LEASE_SIZE, leaseRunningLow } from '../../domain/sync/licence-numbers';
import { numbersLeft } from '../../db/repositories/licence-blocks';
import { commandsOf, outboxTotals } from '../../db/repositories/outbox';
import { getEnrolment, getSyncValue, registryFactsOf } from '../../db/repositories/registry-link';
import type { CoreContext } from '../context';
import { DIVERGED } from './enrol';

type StatusContext = Pick<CoreContext, 'db' | 'now'>;

/** What this desk has sent, what waits, whether the last round reached the registry, and licence numbers left (what it keeps; a round's progress is the loop's, the reference data the core's). */
export function syncStatus(ctx: StatusContext): Omit<SyncStatusView, 'progress' | 'reference'> & { clientId: string | null } {
  const enrolment = getEnrolment(ctx.db);
  const totals = outboxTotals(ctx.db);
  const lastErrorText = getSyncValue(ctx.db, 'last-error');
  const lastError = lastErrorText ? (JSON.parse(lastErrorText) as { at: string; message: string }) : null;
  const recentErrors = JSON.parse(getSyncValue(ctx.db, 'recent-errors') ?? '[]') as { at: string; message: string }[];
  const lastSyncAt = getSyncValue(ctx.db, 'last-sync-at');
  const left = numbersLeft(ctx.db, kazakhstanDate(ctx.now()).slice(2, 4));
  return {
    enrolled: enrolment !== null,
    registryUrl: enrolment?.registryUrl ?? null,
    clientId: enrolment?.clientId ?? null,
    online: !enrolment || (lastSyncAt === null && lastError === null) ? null : lastError === null || (lastSyncAt !== null && lastSyncAt > lastError.at),
    ...totals,
    lastSyncAt,
    lastError,
    recentErrors,
    diverged: JSON.parse(getSyncValue(ctx.db, DIVERGED) ?? 'null') as { at: string; detail: string | null } | null,
    licenceNumbersLeft: left,
    licenceNumbersLow: enrolment !== null && leaseRunningLow(left, DEFAULT_LEASE_SIZE),
  };
}

/** One application's standing with the registry, from its commands and what the registry sent back. */
export function applicationSyncOf(ctx: StatusContext, applicationId: string): ApplicationSync {
  const commands = commandsOf(ctx.db, applicationId);
  const facts = registryFactsOf(ctx.db, applicationId);
  const waiting = commands.filter((c) => c.state === 'waiting').length;
  const rejections = commands.filter((c) => c.state === 'rejected').map((c) => ({ type: c.type, reason: c.reason ?? 'unknown', at: c.acknowledgedAt }));
  const state = rejections.length > 0 ? 'rejected' : waiting > 0 || commands.length === 0 ? (getEnrolment(ctx.db) ? 'local' : 'not-enrolled') : 'accepted';
  return { state, waiting, registryNumber: facts?.registryNumber ?? null, registryStatus: facts?.registryStatus ?? null, rejections };
}
