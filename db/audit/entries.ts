import type { Db } from '../db';
import { entryHash, type AuditEntry, type Write } from './hashes';

/** An entry as the events table holds it. */
export interface StoredEntry {
  seq: number;
  prev_hash: string;
  id: string;
  at: string;
  actor_id: string | null;
  entity: string;
  entity_id: string;
  type: string;
  payload: string;
}

export function entryOf(row: StoredEntry, writes: Write[]): AuditEntry {
  return {
    seq: row.seq,
    prevHash: row.prev_hash,
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    entity: row.entity,
    entityId: row.entity_id,
    type: row.type,
    payload: row.payload,
    writes,
  };
}

/** Appends the entry with its own hash. */
export function insertEntry(db: Db, entry: AuditEntry): void {
  db.prepare(
    `INSERT INTO events (id, at, actor_id, entity, entity_id, type, payload, seq, prev_hash, hash, writes)
     VALUES (@id, @at, @actorId, @entity, @entityId, @type, @payload, @seq, @prevHash, @hash, @writes)`,
  ).run({ ...entry, hash: entryHash(entry), writes: JSON.stringify(entry.writes) });
}
