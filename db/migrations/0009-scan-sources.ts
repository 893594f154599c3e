import type { Migration } from './migration';

/**
 * Where pages come from besides local scanners: network MFPs added by hand (eSCL roots; devices found
 * over mDNS are not stored), and each clerk's hot folder, with every file taken from it or turned away —
 * a file seen again (same SHA-256) is refused as a duplicate.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'scan-sources',
  sql: `
    CREATE TABLE network_scanners (
      url TEXT PRIMARY KEY CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
      name TEXT NOT NULL,
      added_by TEXT NOT NULL REFERENCES users(id),
      added_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE hot_folders (
      user_id TEXT PRIMARY KEY REFERENCES users(id),
      path TEXT NOT NULL,
      added_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE hot_folder_files (
      id INTEGER PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users(id),
      file_name TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('taken', 'duplicate', 'refused')),
      problem TEXT,
      pages INTEGER NOT NULL DEFAULT 0,
      seen_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX hot_folder_files_sha ON hot_folder_files(user_id, sha256);
  `,
};
