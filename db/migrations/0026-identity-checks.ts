import type { Migration } from './migration';

/**
 * The applicant and the notary's PoA entered by hand while the state-database gateway did not answer
 * (domain/applications/identity-check): what the clerk entered and certified, what the databases said
 * once they answered, the differences, and who resolved them. One row per application and subject;
 * applications verified at intake have none. Audited: each row is vouched for by its event.
 */
export const migration0026: Migration = {
  version: 26,
  name: 'identity-checks',
  sql: `
    CREATE TABLE identity_checks (
      application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
      subject TEXT NOT NULL CHECK (subject IN ('applicant', 'poa')),
      state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed', 'differs', 'resolved', 'rejected')),
      entered_because TEXT NOT NULL CHECK (entered_because IN ('gateway-unreachable', 'gateway-error', 'malformed-response')),
      rejected_because TEXT CHECK (rejected_because IN ('not-found', 'liquidated', 'poa-revoked', 'poa-other-principal', 'poa-not-valid')),
      entered_json TEXT NOT NULL,
      found_json TEXT,
      differences_json TEXT NOT NULL DEFAULT '[]',
      entered_at TEXT NOT NULL,
      checked_at TEXT,
      resolved_by TEXT REFERENCES users(id),
      resolved_at TEXT,
      PRIMARY KEY (application_id, subject),
      CHECK ((state = 'rejected') = (rejected_because IS NOT NULL)),
      CHECK ((state = 'pending') = (checked_at IS NULL)),
      CHECK ((state = 'resolved') = (resolved_at IS NOT NULL))
    ) STRICT;
    CREATE INDEX identity_checks_open ON identity_checks(state) WHERE state IN ('pending', 'differs');
  `,
};
