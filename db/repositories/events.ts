import { destinationOf, OfficeEvent, type OfficeEventInput } from '../../domain/events/office-events';
import type { Db } from '../db';
import { newId } from '../ids';
import { enqueueCommand } from './outbox';
import { takeWrites } from '../audit/changes';
import { insertEntry, type StoredEntry } from '../audit/entries';
import { GENESIS, type AuditEntry } from '../audit/hashes';

/** One of the office's events (domain/events), with when, by whom and about which row. */
export type EventInput = OfficeEventInput & {
  at: string;
  actorId: string | null;
  entityId: string;
};

/**
 * The audit trail, and the outbox sync will read: written in the same transaction as the change it
 * records. Each entry is chained to the one before (its hash covers the previous entry's hash) and
 * vouches for the rows the action wrote (their hashes afterwards), so `ajo audit verify` finds any entry
 * or row changed behind the app's back.
 */
export function appendEvent(db: Db, input: EventInput): string {
  // Checked against its schema: the registry's share of these goes out as it is written here.
  const event = { ...input, ...OfficeEvent.parse(input) };
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
    payload: JSON.stringify(event.payload),
    writes: takeWrites(db),
  };
  insertEntry(db, entry);
  // Apart from insertEntry, which migration 12 also uses on a table that has no such column yet.
  if (destinationOf(event.type) === 'to-registry') {
    db.prepare('UPDATE events SET to_registry = 1 WHERE id = ?').run(entry.id);
    // The registry's command, in the same transaction as the action and its event.
    enqueueCommand(db, {
      eventId: entry.id,
      applicationId: event.entityId,
      type: event.type,
      body: { eventId: entry.id, applicationId: event.entityId, at: event.at, type: event.type, entity: event.entity, payload: event.payload },
    });
  }
  return entry.id;
}

/** An entry as stored, without its place in the chain. */
export type EventRow = Omit<StoredEntry, 'seq' | 'prev_hash'>;

export function eventsFor(db: Db, entityId: string): EventRow[] {
  return db.prepare('SELECT id, at, actor_id, entity, entity_id, type, payload FROM events WHERE entity_id = ? ORDER BY seq').all(entityId) as EventRow[];
}
