import type { Db } from '../db';

export interface StoredCrl {
  id: number;
  caSha256: string;
  crlNumber: number | null;
  deltaOf: number | null;
  thisUpdate: string;
  nextUpdate: string | null;
}

function toStored(row: Record<string, unknown>): StoredCrl {
  return {
    id: row.id as number,
    caSha256: row.ca_sha256 as string,
    crlNumber: (row.crl_number as number | null) ?? null,
    deltaOf: (row.delta_of as number | null) ?? null,
    thisUpdate: row.this_update as string,
    nextUpdate: (row.next_update as string | null) ?? null,
  };
}

/** The newest full CRL of a CA (or the newest delta, with `delta`). */
export function latestCrl(db: Db, caSha256: string, delta: boolean): StoredCrl | null {
  const row = db
    .prepare(
      `SELECT * FROM crls WHERE ca_sha256 = ? AND delta_of IS ${delta ? 'NOT' : ''} NULL
       ORDER BY coalesce(crl_number, -1) DESC, this_update DESC LIMIT 1`,
    )
    .get(caSha256) as Record<string, unknown> | undefined;
  return row ? toStored(row) : null;
}

export interface CrlInsert {
  caSha256: string;
  crlNumber: number | null;
  deltaOf: number | null;
  thisUpdate: string;
  nextUpdate: string | null;
  der: Buffer;
  entries: { serialHex: string; revokedAt: string }[];
}

/** Stores a CRL with its entries and drops the older ones of the same kind from the same CA. */
export function replaceCrl(db: Db, crl: CrlInsert, addedAt: string): number {
  const isDelta = crl.deltaOf !== null;
  db.prepare(`DELETE FROM crls WHERE ca_sha256 = ? AND delta_of IS ${isDelta ? 'NOT' : ''} NULL`).run(crl.caSha256);
  const { lastInsertRowid } = db
    .prepare('INSERT INTO crls (ca_sha256, crl_number, delta_of, this_update, next_update, der, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(crl.caSha256, crl.crlNumber, crl.deltaOf, crl.thisUpdate, crl.nextUpdate, crl.der, addedAt);
  const insert = db.prepare('INSERT OR IGNORE INTO crl_entries (crl_id, serial_hex, revoked_at) VALUES (?, ?, ?)');
  for (const entry of crl.entries) insert.run(lastInsertRowid, entry.serialHex, entry.revokedAt);
  return Number(lastInsertRowid);
}

export function revocationEntry(db: Db, crlId: number, serialHex: string): string | null {
  const row = db.prepare('SELECT revoked_at FROM crl_entries WHERE crl_id = ? AND serial_hex = ?').get(crlId, serialHex) as
    | { revoked_at: string }
    | undefined;
  return row?.revoked_at ?? null;
}
