import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json';
import type { Sql } from '../db/sql';

/**
 * What the registry's operators did — enrolment codes issued, desks withdrawn, licences suspended,
 * revoked or reinstated, reference data published — each entry chained to the one before (its hash
 * covers the previous hash), written in the same transaction as the action, so an entry edited, removed
 * or slipped in shows at `ajo registry audit verify`.
 */
export type OperatorAction = 'enrolment-code' | 'desk-revoked' | 'licence-status' | 'published';

const GENESIS = '0'.repeat(64);
/** One writer at a time appends (the chain has one order); any number, the same for every instance. */
const LOG_LOCK = 7_340_115;

const entryHash = (entry: { seq: number; prevHash: string; at: string; action: string; detail: Record<string, unknown> }) =>
  createHash('sha256').update(canonicalJson(entry)).digest('hex');

export async function recordOperatorAction(tx: Sql, action: OperatorAction, detail: Record<string, unknown>, now: Date): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [LOG_LOCK]);
  const [last] = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM operator_log ORDER BY seq DESC LIMIT 1');
  const entry = { seq: (last?.seq ?? 0) + 1, prevHash: last?.hash ?? GENESIS, at: now.toISOString(), action, detail };
  await tx.query('INSERT INTO operator_log (seq, prev_hash, at, action, detail, hash) VALUES ($1, $2, $3, $4, $5, $6)', [
    entry.seq,
    entry.prevHash,
    entry.at,
    action,
    JSON.stringify(detail),
    entryHash(entry),
  ]);
}

export interface OperatorLogReport {
  ok: boolean;
  entries: number;
  firstBroken: { seq: number; problem: 'link-broken' | 'edited' | 'missing-entries-before' } | null;
}

export async function verifyOperatorLog(db: Sql): Promise<OperatorLogReport> {
  const rows = await db.query<{ seq: number; prev_hash: string; at: string; action: string; detail: Record<string, unknown>; hash: string }>(
    'SELECT seq, prev_hash, at, action, detail, hash FROM operator_log ORDER BY seq',
  );
  let previous = GENESIS;
  for (const [index, row] of rows.entries()) {
    const problem =
      row.seq !== index + 1
        ? 'missing-entries-before'
        : row.prev_hash !== previous
          ? 'link-broken'
          : entryHash({ seq: row.seq, prevHash: row.prev_hash, at: row.at, action: row.action, detail: row.detail }) !== row.hash
            ? 'edited'
            : null;
    if (problem) return { ok: false, entries: rows.length, firstBroken: { seq: row.seq, problem } };
    previous = row.hash;
  }
  return { ok: true, entries: rows.length, firstBroken: null };
}
