import type { Db } from '../db';
import { preparedOnce } from '../rows';

export interface AuditFilter {
  actorId?: string | undefined;
  types?: readonly string[] | undefined;
  entityId?: string | undefined;
  /** Instants: from (inclusive) and until (exclusive). */
  from?: string | undefined;
  until?: string | undefined;
  before?: number | undefined;
  limit: number;
}

export interface AuditRow {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  type: string;
  entity: string;
  entityId: string;
  payload: string;
  journalNumber: string | null;
}

/** The trail newest first, filtered; each entry with who (by name) and the application's journal number. */
export function listAuditEntries(db: Db, filter: AuditFilter): AuditRow[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: filter.limit };
  if (filter.actorId) {
    where.push('e.actor_id = @actorId');
    params.actorId = filter.actorId;
  }
  if (filter.types) {
    where.push(`e.type IN (${filter.types.map((_, i) => `@type${i}`).join(', ') || 'NULL'})`);
    filter.types.forEach((type, i) => (params[`type${i}`] = type));
  }
  if (filter.entityId) {
    where.push('e.entity_id = @entityId');
    params.entityId = filter.entityId;
  }
  if (filter.from) {
    where.push('e.at >= @from');
    params.from = filter.from;
  }
  if (filter.until) {
    where.push('e.at < @until');
    params.until = filter.until;
  }
  if (filter.before) {
    where.push('e.seq < @before');
    params.before = filter.before;
  }
  const sql = `
    SELECT e.seq, e.at, e.actor_id AS actorId, u.full_name AS actorName, e.type, e.entity, e.entity_id AS entityId, e.payload, a.journal_number AS journalNumber
    FROM events e
    LEFT JOIN users u ON u.id = e.actor_id
    LEFT JOIN applications a ON a.id = e.entity_id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY e.seq DESC LIMIT @limit`;
  return preparedOnce(db, sql).all(params) as AuditRow[];
}

export function firstEntryAt(db: Db): string | null {
  return (db.prepare('SELECT at FROM events ORDER BY seq LIMIT 1').get() as { at: string } | undefined)?.at ?? null;
}

export function entryAt(db: Db, seq: number): string | null {
  return (db.prepare('SELECT at FROM events WHERE seq = ?').get(seq) as { at: string } | undefined)?.at ?? null;
}
