import type { Migration } from './migration';

/**
 * The last OCSP answer for each certificate, kept with the response itself: checks made offline
 * afterwards can still rely on it until its nextUpdate, and it is evidence of what the NCA said.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'ocsp-responses',
  sql: `
    CREATE TABLE ocsp_responses (
      certificate_sha256 TEXT PRIMARY KEY,
      issuer_sha256 TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('good', 'revoked', 'unknown')),
      revoked_at TEXT,
      this_update TEXT NOT NULL,
      next_update TEXT,
      produced_at TEXT NOT NULL,
      fetched_at TEXT NOT NULL,
      der BLOB NOT NULL
    ) STRICT;
  `,
};
