import type { Db } from '../open';
import { newId } from '../ids';

export interface EventInput {
  at: string;
  actorId: string | null;
  entity: 'application' | 'user' | 'authority' | 'decision' | 'document' | 'trust';
  entityId: string;
  type: string;
  payload?: Record<string, unknown>;
}

/** The outbox: written in the same transaction as the change it records, picked up by sync later. */
export function appendEvent(db: Db, event: EventInput): string {
  const id = newId();
  db.prepare(
    'INSERT INTO events (id, at, actor_id, entity, entity_id, type, payload) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(id, event.at, event.actorId, event.entity, event.entityId, event.type, JSON.stringify(event.payload ?? {}));
  return id;
}

export interface EventRow {
  id: string;
  at: string;
  actor_id: string | null;
  entity: string;
  entity_id: string;
  type: string;
  payload: string;
}

export function eventsFor(db: Db, entityId: string): EventRow[] {
  return db.prepare('SELECT * FROM events WHERE entity_id = ? ORDER BY id').all(entityId) as EventRow[];
}
