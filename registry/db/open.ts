import { migrate } from './migrations';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { RegistryDb } from './sql';

export interface RegistryStorage {
  /** A PostgreSQL server (postgres://…); without it, PGlite in dataDir. */
  databaseUrl?: string | undefined;
  dataDir: string;
}

/** The registry's database, migrated to this server's schema (or refused if newer). */
export async function openRegistryDb(storage: RegistryStorage): Promise<RegistryDb> {
  const db = storage.databaseUrl ? openPostgres(storage.databaseUrl) : await openPglite(storage.dataDir);
  try {
    await migrate(db);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}
