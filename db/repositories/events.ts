import type { Db } from '../open';
import { newId } from '../ids';
import { takeWrites } from '../audit/changes';
import { insertEntry, type StoredEntry } from '../audit/entries';
import { GENESIS, type AuditEntry } from '../audit/hashes';

export interface EventInput {
  at: string;
  actorId: string | null;
  entity: 'application' | 'user' | 'authority' | 'decision' | 'document' | 'trust';
  entityId: string;
  type: string;
  payload?: Record<string, unknown>;
}

/**
 * The audit trail, and the outbox sync will read: written in the same transaction as the change it
 * records. Each entry is chained to the one before (its hash covers the previous entry's hash) and
 * vouches for the rows the action wrote (their hashes afterwards), so `ajo audit verify` finds any entry
 * or row changed behind the app's back.
 */
export function appendEvent(db: Db, event: EventInput): string {
  const last = db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const entry: AuditEntry = {
    seq: (last?.seq ?? 0) + 1,
    prevHash: last?.hash ?? GENESIS,
    id: newId(),
    at: event.at,
    actorId: event.actorId,
    entity: event.entity,
    entityId: event.entityId,
    type: event.type,
    payload: JSON.stringify(event.payload ?? {}),
    writes: takeWrites(db),
  };
  insertEntry(db, entry);
  return entry.id;
}

/** An entry as stored, without its place in the chain. */
export type EventRow = Omit<StoredEntry, 'seq' | 'prev_hash'>;

export function eventsFor(db: Db, entityId: string): EventRow[] {
  return db.prepare('SELECT id, at, actor_id, entity, entity_id, type, payload FROM events WHERE entity_id = ? ORDER BY seq').all(entityId) as EventRow[];
}
