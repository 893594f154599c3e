import type { Sql } from '../db/sql';

/** The advisory-lock class under which a transaction holds one authority's changes. */
const AUTHORITY_LOCK = 7_340_115;

/*
 * Desks pull changes by a cursor (the last seq they took), so a change must never become visible
 * after one with a higher seq: seqs are handed out at insert but seen at commit. Every transaction
 * that writes an authority's changes holds that authority's lock until it commits, so they commit in
 * seq order; one that writes a change for every authority locks the table against all other writers.
 */

/** Holds the authority's changes for this transaction (a push, a licence's status set at the registry). */
export async function holdAuthority(tx: Sql, authorityBin: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [AUTHORITY_LOCK, authorityBin]);
}

/**
 * Holds every authority's changes: waits for transactions writing changes to commit, keeps new ones
 * out until this one commits. For reference data, published rarely by an administrator.
 */
export async function holdAllAuthorities(tx: Sql): Promise<void> {
  await tx.query('LOCK TABLE changes IN EXCLUSIVE MODE');
}
