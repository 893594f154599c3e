import type { Migration } from './migration';

/**
 * The executor's finding that the documents are incomplete (seed 003, step 3): which are missing and
 * why, proposed for the head's signature as a motivated refusal of further consideration; the decision
 * that signed it, once signed. Audited: each row is vouched for by the event that wrote it.
 */
export const migration0021: Migration = {
  version: 21,
  name: 'consideration-refusals',
  sql: `
    CREATE TABLE consideration_refusals (
      application_id TEXT PRIMARY KEY REFERENCES applications(id),
      missing TEXT NOT NULL CHECK (json_valid(missing) AND json_type(missing) = 'array' AND json_array_length(missing) >= 1),
      reason TEXT NOT NULL CHECK (length(reason) >= 1),
      proposed_by TEXT,
      proposed_at TEXT NOT NULL,
      decision_id TEXT UNIQUE REFERENCES decisions(id)
    ) STRICT;
  `,
};
