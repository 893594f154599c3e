import type { Catalogue } from '../domain/catalogue/catalogue';
import type { WorkingCalendar } from '../domain/calendar/working-days';
import type { BlobStore } from '../db/blob-store';
import type { Db } from '../db/open';
import type { SessionStore } from './auth/sessions';
import type { StateDatabases } from './gateway/state-databases';
import type { DocumentOcr } from './services/ocr';

/** What every core service works with; built once by createCore. */
export interface CoreContext {
  db: Db;
  blobs: BlobStore;
  catalogue: Catalogue;
  calendar: WorkingCalendar;
  gateway: StateDatabases;
  sessions: SessionStore;
  now: () => Date;
  /** Text recognition in the background. */
  ocr: DocumentOcr;
}

/** One transaction per user action: everything inside commits together or not at all. */
export function inTransaction<T>(ctx: CoreContext, work: () => T): T {
  return ctx.db.transaction(work).immediate();
}
