import { Change, PULL_PAGE, PULL_PAGE_BYTES, type PullResponse } from '../../domain/sync/protocol';
import type { Sql } from '../db/sql';
import type { Desk } from '../enrolment/enrolment';

/**
 * What changed for the desk after its cursor, oldest first: its authority's changes and those for
 * every authority (reference data), a page at a time. A page ends at PULL_PAGE changes or once it
 * holds PULL_PAGE_BYTES (only reference changes record their size: they alone can be large).
 */
export async function pullChanges(db: Sql, desk: Desk, cursor: number, pageBytes = PULL_PAGE_BYTES): Promise<PullResponse> {
  const rows = await db.query<{ seq: string; body: Record<string, unknown>; before: string }>(
    `SELECT seq, body, sum(size) OVER (ORDER BY seq) - size AS before FROM (
       (SELECT seq, body, size FROM changes WHERE authority_bin = $1 AND seq > $2 ORDER BY seq LIMIT $3)
       UNION ALL
       (SELECT seq, body, size FROM changes WHERE authority_bin IS NULL AND seq > $2 ORDER BY seq LIMIT $3)
     ) page ORDER BY seq LIMIT $3`,
    [desk.authorityBin, cursor, PULL_PAGE + 1],
  );
  const fits = rows.filter((r, i) => i < PULL_PAGE && (i === 0 || Number(r.before) < pageBytes));
  return {
    cursor: fits.length ? Number(fits.at(-1)!.seq) : cursor,
    changes: fits.map((r) => Change.parse({ ...r.body, seq: Number(r.seq) })),
    more: rows.length > fits.length,
  };
}
