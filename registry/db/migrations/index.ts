import type { RegistryStore } from '../sql';
import type { RegistryMigration } from './migration';
import { initial } from './0001-initial';
import { applicationRecord } from './0002-application-record';
import { referenceData } from './0003-reference-data';
import { officeUsers } from './0004-office-users';
import { officeBlocks } from './0005-office-blocks';
import { licenceDuplicates } from './0006-licence-duplicates';
import { deskTrust } from './0007-desk-trust';

export const MIGRATIONS: readonly RegistryMigration[] = [initial, applicationRecord, referenceData, officeUsers, officeBlocks, licenceDuplicates, deskTrust];
export const REGISTRY_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

export class RegistryDatabaseTooNew extends Error {
  constructor(readonly found: number) {
    super(`the registry database is at schema version ${found}, newer than this server knows (${REGISTRY_SCHEMA_VERSION}): run a newer registry`);
  }
}

/** Any number, the same for every instance: the lock that lets one of them migrate while the others wait. */
const MIGRATION_LOCK = 7_340_114;

/**
 * Brings the schema to this server's version, each migration in its own transaction with its row in
 * schema_migrations; refuses a database a newer server has migrated. Instances starting together on
 * one database take turns (an advisory lock), so each migration runs once.
 */
export async function migrate(db: RegistryStore, migrations: readonly RegistryMigration[] = MIGRATIONS): Promise<number> {
  const latest = migrations.at(-1)!.version;
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const [row] = await tx.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    const current = row?.version ?? 0;
    if (current > latest) throw new RegistryDatabaseTooNew(current);
    for (const migration of migrations.filter((m) => m.version > current)) {
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    return latest;
  });
}
