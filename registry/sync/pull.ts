import { Change, PULL_PAGE, type PullResponse } from '../../domain/sync/protocol';
import type { Sql } from '../db/sql';
import type { Desk } from '../enrolment/enrolment';

/** What changed for the desk's authority after its cursor, a page at a time, oldest first. */
export async function pullChanges(db: Sql, desk: Desk, cursor: number): Promise<PullResponse> {
  const rows = await db.query<{ seq: number; body: Record<string, unknown> }>(
    'SELECT seq, body FROM changes WHERE authority_bin = $1 AND seq > $2 ORDER BY seq LIMIT $3',
    [desk.authorityBin, cursor, PULL_PAGE + 1],
  );
  const page = rows.slice(0, PULL_PAGE);
  return {
    cursor: page.at(-1)?.seq ?? cursor,
    changes: page.map((r) => Change.parse({ ...r.body, seq: r.seq })),
    more: rows.length > PULL_PAGE,
  };
}
