import Database from 'better-sqlite3';
import { migrate } from './migrations';
import { installAuditTriggers } from './audit/changes';
import type { Db } from './db';

/** Opens (creating if needed) the workstation database and brings its schema up to date. */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      migrate(db);
      installAuditTriggers(db);
      // Statistics for the planner where they are missing or stale (cheap: analysis is capped), so the
      // journal's filters keep their indexes as the tables grow (SQLite's advice for each connection opened).
      db.pragma('optimize = 0x10002');
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function integrityCheck(db: Db): string[] {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  const fk = db.pragma('foreign_key_check') as unknown[];
  const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  if (fk.length > 0) problems.push(`${fk.length} foreign key violation(s)`);
  return problems;
}
