import type { Migration } from './migration';

/**
 * The office as one (issue 30). Decisions signed at another desk of the office: the registry names each
 * (its number and the digest of its signed PDF) and this desk fetches the PDF, checks it and records the
 * decision as its own would be; until then the application waits here, with the problem its last check
 * found, if any. And each command of this desk is marked once its change comes back from the registry:
 * a colleague's step that arrives while one of this desk's is accepted but not back yet came before it
 * at the registry (see main/sync/receive). Commands accepted so far count as back.
 */
export const migration0030: Migration = {
  version: 30,
  name: 'decisions-elsewhere',
  sql: `
    CREATE TABLE decisions_to_fetch (
      application_id TEXT PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
      decision_id TEXT NOT NULL UNIQUE,
      number TEXT NOT NULL CHECK (length(number) BETWEEN 1 AND 40),
      pdf_sha256 TEXT NOT NULL CHECK (length(pdf_sha256) = 64 AND pdf_sha256 NOT GLOB '*[^0-9a-f]*'),
      signed_at_desk TEXT NOT NULL,
      received_at TEXT NOT NULL,
      problem TEXT
    ) STRICT;
    ALTER TABLE outbox ADD COLUMN echoed_at TEXT;
    UPDATE outbox SET echoed_at = acknowledged_at WHERE state = 'accepted';
    CREATE INDEX outbox_not_echoed ON outbox(application_id) WHERE state = 'accepted' AND echoed_at IS NULL;
  `,
};
