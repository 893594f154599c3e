import type Database from 'better-sqlite3';

export interface Migration {
  /** Consecutive from 1; stored in PRAGMA user_version once applied. */
  version: number;
  name: string;
  sql: string;
  /** What SQL alone cannot do (hashing, say), run after `sql` in the same transaction. */
  up?: (db: Database.Database) => void;
}
