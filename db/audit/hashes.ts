import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json';

/** The link before the first entry. */
export const GENESIS = '0'.repeat(64);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A row as SQLite gives it, column by column in the table's order; bytes written as hex. */
export function rowHash(table: string, row: Record<string, unknown>): string {
  const columns = Object.entries(row).map(([name, value]) => [name, Buffer.isBuffer(value) ? { hex: value.toString('hex') } : value]);
  return sha256(JSON.stringify([table, columns]));
}

/** One row an action wrote: its table, its key (a JSON array), and its hash afterwards (null: deleted). */
export type Write = [table: string, key: string, hash: string | null];

export interface AuditEntry {
  seq: number;
  prevHash: string;
  id: string;
  at: string;
  actorId: string | null;
  entity: string;
  entityId: string;
  type: string;
  /** As stored: the exact text is what is hashed. */
  payload: string;
  writes: Write[];
}

/** The entry's own hash: everything it says, the link to the one before, and the rows it vouches for. */
export function entryHash(entry: AuditEntry): string {
  return sha256(canonicalJson(entry));
}
