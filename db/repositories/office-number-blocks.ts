import { formatOfficeNumber, type OfficeSeries } from '../../domain/sync/office-numbers';
import type { Db } from '../db';

export interface OfficeBlock {
  leaseId: string;
  series: OfficeSeries;
  /** The licence year's two digits (the numbers carry 20YY). */
  year: string;
  first: number;
  last: number;
}

/** The highest number of the series this desk has given in that range (a restored backup may have). */
function usedUpTo(db: Db, block: OfficeBlock, officeCode: string): number {
  const prefix = formatOfficeNumber(block.series, officeCode, `20${block.year}`, 0).slice(0, -5);
  const numbers =
    block.series === 'journal'
      ? (db.prepare('SELECT journal_number AS number FROM applications WHERE journal_number LIKE ?').all(`${prefix}%`) as { number: string }[])
      : (db.prepare("SELECT number FROM decisions WHERE kind = 'refusal' AND number LIKE ?").all(`${prefix}%`) as { number: string }[]);
  return Math.max(0, ...numbers.map((n) => Number(n.number.slice(prefix.length))).filter((seq) => seq >= block.first && seq <= block.last));
}

/** A leased block, its first number not yet used by this desk. */
export function addOfficeBlock(db: Db, block: OfficeBlock, officeCode: string, at: string): void {
  const next = Math.max(block.first, usedUpTo(db, block, officeCode) + 1);
  db.prepare('INSERT INTO office_number_blocks (lease_id, series, year, first, last, next, leased_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (lease_id) DO NOTHING').run(
    block.leaseId,
    block.series,
    block.year,
    block.first,
    block.last,
    next,
    at,
  );
}

/** The next number of the series' leased blocks (oldest first), without taking it; null when none is left. */
export function peekOfficeNumber(db: Db, series: OfficeSeries, year: string): { leaseId: string; seq: number } | null {
  const row = db.prepare('SELECT lease_id AS leaseId, next AS seq FROM office_number_blocks WHERE series = ? AND year = ? AND next <= last ORDER BY first LIMIT 1').get(series, year) as
    | { leaseId: string; seq: number }
    | undefined;
  return row ?? null;
}

/** Takes exactly that number; false if it was taken meanwhile. */
export function takeOfficeNumber(db: Db, leaseId: string, seq: number): boolean {
  return db.prepare('UPDATE office_number_blocks SET next = next + 1 WHERE lease_id = ? AND next = ? AND next <= last').run(leaseId, seq).changes === 1;
}

export function officeNumbersLeft(db: Db, series: OfficeSeries, year: string): number {
  return (db.prepare('SELECT coalesce(sum(last - next + 1), 0) AS n FROM office_number_blocks WHERE series = ? AND year = ?').get(series, year) as { n: number }).n;
}

/** Every block closed (see closeAllBlocks for licence numbers). */
export function closeAllOfficeBlocks(db: Db): void {
  db.prepare('UPDATE office_number_blocks SET next = last + 1').run();
}
