import { openRegistryDb, type RegistryStorage } from '../db/open';
import type { RegistryDb } from '../db/sql';
import { startRegistryServer, type RegistryServerOptions, type RunningRegistryServer } from './http';

export interface RunningRegistry extends RunningRegistryServer {
  db: RegistryDb;
}

/** A registry instance: its database (PostgreSQL, or PGlite in a folder) migrated, and its server listening. */
export async function startRegistry(storage: RegistryStorage, options: Omit<RegistryServerOptions, 'db'> = {}): Promise<RunningRegistry> {
  const db = await openRegistryDb(storage);
  try {
    const server = await startRegistryServer({ ...options, db });
    return {
      ...server,
      db,
      async close() {
        await server.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
