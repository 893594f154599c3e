import type { Sealer } from '../pki/sealing';
import type { Catalogue } from '../domain/catalogue/catalogue';
import type { WorkingCalendar } from '../domain/calendar/working-days';
import type { BlobStore } from '../db/blob-store';
import type { Db } from '../db/db';
import { startAuditedAction, unauditedWrites } from '../db/audit/changes';
import type { SessionStore } from './auth/sessions';
import type { StateDatabases } from './gateway/state-databases';
import type { DocumentOcr } from './services/ocr';
import type { IdentitySubject, UnverifiedBecause } from '../domain/applications/identity-check';

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
  /** Data entered by hand while the gateway was down, checked against the state databases once it answers. */
  identity: IdentityCheckQueue;
  /** Seals what the desk keeps secret in its database (its TLS key to the registry) under a key kept outside it. */
  secrets: Sealer;
}

/**
 * The background checks of hand-entered data (main/services/identity-checks implements them), as the
 * rest of the core uses them — declared here so that the context does not import a service that uses it.
 */
export interface IdentityCheckQueue {
  enter(applicationId: string, subject: IdentitySubject, entered: unknown, because: UnverifiedBecause, at: string): void;
  checkNow(applicationId: string): Promise<void>;
  start(): void;
  stop(): Promise<void>;
  idle(): Promise<void>;
}

/**
 * One transaction per user action: everything inside commits together or not at all. Whatever it
 * writes to an audited table must be vouched for by its audit entry (appendEvent) in the same
 * transaction; a write that is not is a bug, and the action is rolled back rather than left unaccounted.
 */
export function inTransaction<T>(ctx: Pick<CoreContext, 'db'>, work: () => T): T {
  // Nested in another action's transaction (a savepoint): that action vouches for it all.
  if (ctx.db.inTransaction) return ctx.db.transaction(work)();
  return ctx.db
    .transaction(() => {
      startAuditedAction(ctx.db);
      const result = work();
      const unaudited = unauditedWrites(ctx.db);
      if (unaudited.length > 0) throw new Error(`audited rows written without an audit entry: ${unaudited.map((w) => `${w.tbl} ${w.key}`).join(', ')}`);
      return result;
    })
    .immediate();
}
