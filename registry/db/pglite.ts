import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { lockFolder } from './folder-lock';
import type { RegistryStore, Sql } from './sql';

/**
 * The embedded default: PostgreSQL in WASM, keeping its data in a folder. It runs one transaction at a
 * time (PGlite serialises them), which a single office's registry never outgrows; a national one runs
 * on a real PostgreSQL.
 */
export async function openPglite(folder: string): Promise<RegistryStore> {
  mkdirSync(folder, { recursive: true });
  const unlock = lockFolder(folder);
  let db: PGlite;
  try {
    db = await PGlite.create(join(folder, 'pgdata'));
  } catch (error) {
    unlock();
    throw error;
  }
  const query = async <Row>(text: string, params: readonly unknown[] = []) => (await db.query<Row>(text, params as unknown[])).rows;
  return {
    kind: 'pglite',
    query,
    exec: async (script) => void (await db.exec(script)),
    transaction: <T>(work: (tx: Sql) => Promise<T>) =>
      db.transaction(async (tx) =>
        work({
          query: async <Row>(text: string, params: readonly unknown[] = []) => (await tx.query<Row>(text, params as unknown[])).rows,
          exec: async (script) => void (await tx.exec(script)),
        }),
      ),
    async close() {
      await db.close();
      unlock();
    },
  };
}
