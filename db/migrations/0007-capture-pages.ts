import type { Migration } from './migration';

/**
 * Scanned pages waiting to be put into a document: each clerk's own tray, in order, kept across
 * restarts (the images are in the file store).
 */
export const migration0007: Migration = {
  version: 7,
  name: 'capture-pages',
  sql: `
    CREATE TABLE capture_pages (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users(id),
      position INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      width INTEGER NOT NULL CHECK (width > 0),
      height INTEGER NOT NULL CHECK (height > 0),
      resolution INTEGER NOT NULL CHECK (resolution > 0),
      device TEXT NOT NULL,
      scanned_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX capture_pages_user ON capture_pages(user_id, position);
  `,
};
