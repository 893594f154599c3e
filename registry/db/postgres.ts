import { createHash } from 'node:crypto';
import pg from 'pg';
import { isRetryable, TRANSACTION_ATTEMPTS, type RegistryStore, type Sql } from './sql';

// int8 (counts, sums) as JS numbers: the registry's figures stay far below 2^53, and PGlite does the same.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * Each distinct statement is prepared once per connection (named by a digest of its text) and then
 * only bound and executed: the registry runs the same few dozen statements all day.
 */
const names = new Map<string, string>();
function named(text: string, values: readonly unknown[]): pg.QueryConfig {
  let name = names.get(text);
  if (!name) {
    name = `s${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return { name, text, values: values as unknown[] };
}

/** A real PostgreSQL through node-postgres: a pool, and a client of its own per transaction. */
export function openPostgres(url: string): RegistryStore {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // An idle client losing its server is reported here; the next query gets a new one.
  pool.on('error', () => undefined);
  return {
    kind: 'postgres',
    async query<Row>(text: string, params: readonly unknown[] = []) {
      return (await pool.query(named(text, params))).rows as Row[];
    },
    exec: async (script) => void (await pool.query(script)),
    async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        const tx: Sql = {
          query: async <Row>(text: string, params: readonly unknown[] = []) => (await client.query(named(text, params))).rows as Row[],
          exec: async (script) => void (await client.query(script)),
        };
        try {
          await client.query('BEGIN');
          const result = await work(tx);
          await client.query('COMMIT');
          client.release();
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          client.release();
          if (!isRetryable(error) || attempt >= TRANSACTION_ATTEMPTS) throw error;
        }
      }
    },
    close: () => pool.end(),
  };
}
