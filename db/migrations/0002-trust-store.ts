import type { Migration } from './migration';

/** The administrator-managed trust store: CA certificates that signatures must chain to. */
export const migration0002: Migration = {
  version: 2,
  name: 'trust-store',
  sql: `
    CREATE TABLE trusted_certificates (
      sha256 TEXT PRIMARY KEY,
      subject TEXT NOT NULL,
      der BLOB NOT NULL,
      added_at TEXT NOT NULL
    ) STRICT;
  `,
};
