import type { Db } from '../db';
import { rowsOf } from './changes';
import { entryOf, type StoredEntry } from './entries';
import { entryHash, GENESIS, type Write } from './hashes';
import { AUDITED_TABLES } from './tables';

/**
 * Verification of the audit trail, from the database alone: every entry links to the one before and
 * hashes to what it says (so an entry edited, deleted or inserted breaks the chain where it happened),
 * and every audited row is as the last entry that wrote it left it (so a row edited, added or removed
 * behind the app's back shows). What it cannot see: someone who rewrites the whole chain after their
 * edit, or drops entries from its very end that wrote nothing; anchoring the chain's head outside this
 * database (the central registry) closes that.
 */
export type ChainProblem = 'missing-entries-before' | 'out-of-order' | 'link-broken' | 'edited' | 'unreadable';
export type RowProblem = 'not-written-by-an-action' | 'changed-outside-the-app' | 'deleted-outside-the-app';

export interface AuditReport {
  ok: boolean;
  entries: number;
  /** The first entry where the chain breaks, and how. */
  firstBroken: { seq: number; id: string; problem: ChainProblem } | null;
  /** Rows that differ from what the audit trail vouches for (at most `limit` of them listed). */
  rows: { table: string; key: string; problem: RowProblem }[];
  rowProblems: number;
}

export function verifyAudit(db: Db, limit = 50): AuditReport {
  const events = db.prepare('SELECT seq, prev_hash, hash, id, at, actor_id, entity, entity_id, type, payload, writes FROM events ORDER BY seq, rowid').all() as (StoredEntry & { hash: string; writes: string })[];
  let firstBroken: AuditReport['firstBroken'] = null;
  let previous = GENESIS;
  const vouched = new Map<string, string | null>();
  events.forEach((row, index) => {
    let writes: Write[];
    try {
      writes = JSON.parse(row.writes) as Write[];
    } catch {
      firstBroken ??= { seq: row.seq, id: row.id, problem: 'unreadable' };
      return;
    }
    const entry = entryOf(row, writes);
    const problem: ChainProblem | null =
      row.seq > index + 1 ? 'missing-entries-before' : row.seq < index + 1 ? 'out-of-order' : row.prev_hash !== previous ? 'link-broken' : entryHash(entry) !== row.hash ? 'edited' : null;
    if (problem) firstBroken ??= { seq: row.seq, id: row.id, problem };
    previous = row.hash;
    for (const [table, key, hash] of writes) vouched.set(`${table}\u0000${key}`, hash);
  });

  const rows: AuditReport['rows'] = [];
  let rowProblems = 0;
  const note = (table: string, key: string, problem: RowProblem) => {
    rowProblems++;
    if (rows.length < limit) rows.push({ table, key, problem });
  };
  for (const table of Object.keys(AUDITED_TABLES)) {
    const present = new Set<string>();
    for (const { key, hash } of rowsOf(db, table)) {
      present.add(key);
      const expected = vouched.get(`${table}\u0000${key}`);
      if (expected === undefined || expected === null) note(table, key, 'not-written-by-an-action');
      else if (expected !== hash) note(table, key, 'changed-outside-the-app');
    }
    for (const [vouchedKey, hash] of vouched) {
      const [vouchedTable, key] = vouchedKey.split('\u0000') as [string, string];
      if (vouchedTable === table && hash !== null && !present.has(key)) note(table, key, 'deleted-outside-the-app');
    }
  }
  return { ok: firstBroken === null && rowProblems === 0, entries: events.length, firstBroken, rows, rowProblems };
}

/** The chain's head: its last entry's number and hash (null for an empty chain). */
export function chainHead(db: Db): { seq: number; hash: string } | null {
  return (db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? null;
}

/** The hash of the entry with this number, if the chain has it. */
export function entryHashAt(db: Db, seq: number): string | null {
  return (db.prepare('SELECT hash FROM events WHERE seq = ?').get(seq) as { hash: string } | undefined)?.hash ?? null;
}
