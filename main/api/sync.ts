import type { syncCalls } from '../../domain/api/sync';
import type { CoreContext } from '../context';
import { enrolDesk } from '../sync/enrol';
import type { SyncLoop } from '../sync/loop';
import { syncStatus } from '../sync/status';
import type { AreaHandlers } from './caller';

/** The desk's link with the central registry: its state for everyone, enrolment and "sync now" for the administrator. */
export function syncHandlers(ctx: CoreContext, sync: SyncLoop): AreaHandlers<typeof syncCalls> {
  const view = () => {
    const { clientId: _clientId, ...status } = syncStatus(ctx);
    const reference = { catalogueVersion: ctx.catalogue.version, calendarYears: ctx.calendar.years().map((y) => y.year) };
    return { ...status, progress: sync.progress, reference };
  };
  return {
    'sync.status': () => view(),
    'sync.now': async () => {
      await sync.now();
      return view();
    },
    'sync.enrol': async (a) => {
      await enrolDesk(ctx, a);
      await sync.now();
      return view();
    },
  };
}
