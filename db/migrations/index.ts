import type Database from 'better-sqlite3';
import type { Migration } from './migration';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-trust-store';
import { migration0003 } from './0003-revocation';
import { migration0004 } from './0004-decision-qr';
import { migration0005 } from './0005-intake-form-signature';
import { migration0006 } from './0006-ocsp-responses';
import { migration0007 } from './0007-capture-pages';
import { migration0008 } from './0008-document-text';
import { migration0009 } from './0009-scan-sources';
import { migration0010 } from './0010-tray-page-originals';
import { migration0011 } from './0011-hot-folder-baseline';
import { migration0012 } from './0012-audit-chain';
import { migration0013 } from './0013-event-destinations';
import { migration0014 } from './0014-jobs';
import { migration0015 } from './0015-sync';
import { migration0016 } from './0016-reference-data';
import { migration0017 } from './0017-office-directory';
import { migration0018 } from './0018-office-number-blocks';
import { migration0019 } from './0019-application-steps';
import { migration0020 } from './0020-handouts';
import { migration0021 } from './0021-consideration-refusals';
import { migration0022 } from './0022-journal-indexes';
import { migration0023 } from './0023-audit-indexes';
import { migration0024 } from './0024-dashboard';
import { migration0025 } from './0025-original-licence';
import { migration0026 } from './0026-identity-checks';
import { migration0027 } from './0027-checklist-evidence';
import { migration0028 } from './0028-licence-drafts';
import { migration0029 } from './0029-journal-filters';
import { migration0030 } from './0030-decisions-elsewhere';

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013, migration0014, migration0015, migration0016, migration0017, migration0018, migration0019, migration0020, migration0021, migration0022, migration0023, migration0024, migration0025, migration0026, migration0027, migration0028, migration0029, migration0030];
export const LATEST_VERSION = MIGRATIONS.length;

export class DatabaseTooNewError extends Error {
  constructor(readonly found: number, readonly supported: number) {
    super(
      `The database is version ${found}, but this version of the app knows only up to ${supported}. ` +
        'It was opened by a newer АЖО: update the app instead of opening it here.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every pending migration in one transaction: either the database reaches the latest version or it stays as it was. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.length;
  const current = schemaVersion(db);
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  if (current === latest) return current;
  db.transaction(() => {
    for (const migration of migrations.slice(current)) {
      db.exec(migration.sql);
      migration.up?.(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
  return latest;
}
