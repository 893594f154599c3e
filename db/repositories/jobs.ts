import type { Db } from '../db';
import { newId } from '../ids';

/** A job as stored; its data is checked against its queue's schema when it is loaded (main/jobs). */
export interface JobRow {
  id: string;
  key: string | null;
  data: string;
  attempts: number;
  runAfter: number;
  lastError: string | null;
}

const COLUMNS = 'id, key, data, attempts, run_after AS runAfter, last_error AS lastError';

/** Adds a job; false (and nothing written) when one with the same key is already waiting in the queue. */
export function insertJob(db: Db, job: { queue: string; key: string | null; data: string; runAfter: number; createdAt: string }): string | null {
  const id = newId();
  const result = db
    .prepare('INSERT INTO jobs (id, queue, key, data, run_after, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (queue, key) WHERE key IS NOT NULL DO NOTHING')
    .run(id, job.queue, job.key, job.data, job.runAfter, job.createdAt);
  return result.changes === 1 ? id : null;
}

export function jobExists(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM jobs WHERE id = ?').get(id) !== undefined;
}

export function hasJob(db: Db, queue: string, key: string): boolean {
  return db.prepare('SELECT 1 FROM jobs WHERE queue = ? AND key = ?').get(queue, key) !== undefined;
}

/** Jobs whose time has come, oldest first, leaving out those already running. */
export function dueJobs(db: Db, queue: string, now: number, limit: number, running: ReadonlySet<string>): JobRow[] {
  const rows = db.prepare(`SELECT ${COLUMNS} FROM jobs WHERE queue = ? AND run_after <= ? ORDER BY run_after, rowid LIMIT ?`).all(queue, now, limit + running.size) as JobRow[];
  return rows.filter((row) => !running.has(row.id)).slice(0, limit);
}

/** When the next waiting job is due (epoch ms), or null when the queue is empty. */
export function nextDue(db: Db, queue: string, running: ReadonlySet<string>): number | null {
  const rows = db.prepare('SELECT id, run_after AS runAfter FROM jobs WHERE queue = ? ORDER BY run_after LIMIT ?').all(queue, running.size + 1) as { id: string; runAfter: number }[];
  return rows.find((row) => !running.has(row.id))?.runAfter ?? null;
}

export function countJobs(db: Db, queue: string): number {
  return (db.prepare('SELECT count(*) AS n FROM jobs WHERE queue = ?').get(queue) as { n: number }).n;
}

export function deleteJob(db: Db, id: string): void {
  db.prepare('DELETE FROM jobs WHERE id = ?').run(id);
}

export function retryJobLater(db: Db, id: string, attempts: number, runAfter: number, error: string): void {
  db.prepare('UPDATE jobs SET attempts = ?, run_after = ?, last_error = ? WHERE id = ?').run(attempts, runAfter, error, id);
}
