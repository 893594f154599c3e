import { kazakhstanDate } from '../../domain/calendar/working-days';
import { numbersLeft } from '../../db/repositories/licence-blocks';
import { outboxTotals } from '../../db/repositories/outbox';
import { getEnrolment, getSyncValue } from '../../db/repositories/registry-link';
import type { CoreContext } from '../context';

export interface SyncStatus {
  enrolled: boolean;
  registryUrl: string | null;
  clientId: string | null;
  waiting: number;
  accepted: number;
  rejected: number;
  waitingByType: Record<string, number>;
  lastSyncAt: string | null;
  lastError: { at: string; message: string } | null;
  licenceNumbersLeft: number;
}

/** What this desk has sent, what waits, and when it last reached the registry. */
export function syncStatus(ctx: Pick<CoreContext, 'db' | 'now'>): SyncStatus {
  const enrolment = getEnrolment(ctx.db);
  const totals = outboxTotals(ctx.db);
  const lastError = getSyncValue(ctx.db, 'last-error');
  return {
    enrolled: enrolment !== null,
    registryUrl: enrolment?.registryUrl ?? null,
    clientId: enrolment?.clientId ?? null,
    ...totals,
    lastSyncAt: getSyncValue(ctx.db, 'last-sync-at'),
    lastError: lastError ? (JSON.parse(lastError) as { at: string; message: string }) : null,
    licenceNumbersLeft: numbersLeft(ctx.db, kazakhstanDate(ctx.now()).slice(2, 4)),
  };
}
