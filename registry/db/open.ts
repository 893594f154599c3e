import { migrate } from './migrations';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { RegistryDb } from './sql';
import { join } from 'node:path';
import { loadSealKey, sealerOf } from '../../pki/sealing';
import { keepPrivate } from './private-folder';

export interface RegistryStorage {
  /** A PostgreSQL server (postgres://…); without it, PGlite in dataDir. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** The key its CA is sealed under (base64), or the file holding it; by default a file in dataDir, made once. */
  keyBase64?: string | undefined;
  keyFile?: string | undefined;
}

/** The registry's database, migrated to this server's schema (or refused if newer). */
export async function openRegistryDb(storage: RegistryStorage): Promise<RegistryDb> {
  keepPrivate(storage.dataDir);
  const sealer = sealerOf(loadSealKey({ keyBase64: storage.keyBase64, keyFile: storage.keyFile ?? join(storage.dataDir, 'registry.key') }));
  const store = storage.databaseUrl ? openPostgres(storage.databaseUrl) : await openPglite(storage.dataDir);
  const closeStore = store.close.bind(store);
  // Files written while it ran (WAL segments) are brought to 0600 too when it stops.
  const db: RegistryDb = Object.assign(store, { sealer, close: async () => void (await closeStore(), keepPrivate(storage.dataDir)) });
  try {
    await migrate(db);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}
