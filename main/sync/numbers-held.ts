import type { Db } from '../../db/db';
import { closeAllBlocks } from '../../db/repositories/licence-blocks';
import { closeAllOfficeBlocks } from '../../db/repositories/office-number-blocks';
import { clearSyncValue } from '../../db/repositories/registry-link';
import { NumberSeries } from '../../domain/sync/protocol';

/** Where a lease asked for and not yet answered keeps its id (asked again, the registry gives the same block). */
export function pendingLeaseKey(series: NumberSeries): string {
  return series === 'licence' ? 'pending-lease' : `pending-lease:${series}`;
}

/**
 * Every block of numbers the desk holds closed, and no lease left pending: a desk restored from a backup or
 * enrolled again cannot know which of those numbers its lost copy gave, so it leases fresh ones before it signs.
 */
export function closeHeldNumbers(db: Db): void {
  closeAllBlocks(db);
  closeAllOfficeBlocks(db);
  for (const series of NumberSeries.options) clearSyncValue(db, pendingLeaseKey(series));
}
