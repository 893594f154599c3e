import { certificateSha256 } from '../../pki/tls/registry-ca';
import type { Sql } from '../db/sql';

/** NCA root certificates (DER) every signed decision must chain to; returns how many were new. */
export async function addTrustedRoots(db: Sql, ders: readonly Buffer[]): Promise<number> {
  let added = 0;
  for (const der of ders) added += (await db.query('INSERT INTO trusted_roots (sha256, der) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING sha256', [certificateSha256(der), der])).length;
  return added;
}

export async function trustedRoots(db: Sql): Promise<Buffer[]> {
  return (await db.query<{ der: Uint8Array }>('SELECT der FROM trusted_roots')).map((r) => Buffer.from(r.der));
}
