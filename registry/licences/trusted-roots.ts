import type { Sql } from '../db/sql';

/** The NCA CA certificates every signed decision must chain to (published with `ajo registry trust add`). */
export async function trustedRoots(db: Sql): Promise<Buffer[]> {
  return (await db.query<{ der: Uint8Array }>('SELECT der FROM trusted_roots')).map((r) => Buffer.from(r.der));
}
