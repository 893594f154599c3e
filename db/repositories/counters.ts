import type { Db } from '../db';

/** Next value of a named gapless counter; call inside the transaction that uses the number. */
export function nextCounter(db: Db, name: string): number {
  const row = db
    .prepare('INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value')
    .get(name) as { value: number };
  return row.value;
}

/** The value nextCounter would give now, without taking it (a number printed before it is recorded). */
export function peekCounter(db: Db, name: string): number {
  const row = db.prepare('SELECT value FROM counters WHERE name = ?').get(name) as { value: number } | undefined;
  return (row?.value ?? 0) + 1;
}

/** Moves a counter up to at least this value (numbers another desk of the office has used); never down. */
export function bumpCounter(db: Db, name: string, atLeast: number): void {
  db.prepare('INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = max(value, excluded.value)').run(name, atLeast);
}
