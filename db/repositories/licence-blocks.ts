import type { Db } from '../db';

export interface LicenceBlock {
  leaseId: string;
  year: string;
  letters: string;
  first: number;
  last: number;
  next: number;
}

/** A leased block, its first number not yet used: past any number of it this desk has already signed with (a restored backup, say). */
export function addBlock(db: Db, block: Omit<LicenceBlock, 'next'>, at: string): void {
  const prefix = `KZ${block.year}${block.letters}`;
  const used = db
    .prepare("SELECT max(CAST(substr(number, 8) AS INTEGER)) AS seq FROM decisions WHERE kind = 'licence' AND substr(number, 1, 7) = ? AND CAST(substr(number, 8) AS INTEGER) BETWEEN ? AND ?")
    .get(prefix, block.first, block.last) as { seq: number | null };
  const next = Math.max(block.first, (used.seq ?? 0) + 1);
  db.prepare('INSERT INTO licence_number_blocks (lease_id, year, letters, first, last, next, leased_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (lease_id) DO NOTHING').run(
    block.leaseId,
    block.year,
    block.letters,
    block.first,
    block.last,
    next,
    at,
  );
}

/** The next number of the year's leased blocks (oldest block first), without taking it; null when none is left. */
export function peekLeasedNumber(db: Db, year: string): { leaseId: string; letters: string; seq: number } | null {
  const row = db.prepare('SELECT lease_id AS leaseId, letters, next AS seq FROM licence_number_blocks WHERE year = ? AND next <= last ORDER BY first LIMIT 1').get(year) as
    | { leaseId: string; letters: string; seq: number }
    | undefined;
  return row ?? null;
}

/** Takes exactly that number; false if another decision took it meanwhile (the block moved on). */
export function takeLeasedNumber(db: Db, leaseId: string, seq: number): boolean {
  return db.prepare('UPDATE licence_number_blocks SET next = next + 1 WHERE lease_id = ? AND next = ? AND next <= last').run(leaseId, seq).changes === 1;
}

export function numbersLeft(db: Db, year: string): number {
  return (db.prepare('SELECT coalesce(sum(last - next + 1), 0) AS n FROM licence_number_blocks WHERE year = ?').get(year) as { n: number }).n;
}

/** Every block closed: a desk restored or enrolled again cannot know which of their numbers its lost copy gave. */
export function closeAllBlocks(db: Db): void {
  db.prepare('UPDATE licence_number_blocks SET next = last + 1').run();
}
