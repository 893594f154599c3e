import type { Db } from '../db';

export type ReferenceKind = 'catalogue' | 'calendar';

/** Keeps what the registry published (a catalogue version, a calendar year); false when it was there already, unchanged. */
export function storeReference(db: Db, kind: ReferenceKind, key: string, body: unknown, receivedAt: string): boolean {
  const text = JSON.stringify(body);
  const result = db
    .prepare(
      `INSERT INTO reference_data (kind, key, body, received_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, key) DO UPDATE SET body = excluded.body, received_at = excluded.received_at WHERE body <> excluded.body`,
    )
    .run(kind, key, text, receivedAt);
  return result.changes === 1;
}

/** What was received of one kind, each as stored (the caller validates it), in key order. */
export function receivedReference(db: Db, kind: ReferenceKind): { key: string; body: unknown; receivedAt: string }[] {
  const rows = db.prepare('SELECT key, body, received_at FROM reference_data WHERE kind = ? ORDER BY key').all(kind) as { key: string; body: string; received_at: string }[];
  return rows.map((r) => ({ key: r.key, body: JSON.parse(r.body) as unknown, receivedAt: r.received_at }));
}
