import type { Migration } from './migration';

/**
 * Each application's way through the steps of seed 003's table: when a step began, when it falls due
 * (in the authority's working time), when it ended and by whose hand. The open step (no end) is the one
 * the application waits on; the head's queue and dashboard read the partial index by due time. Derived
 * from the audited events and recounted when the calendar or office hours change, so not audited itself.
 * Applications decided before this version get no hand-out step: their hand-out was never recorded.
 */
export const migration0019: Migration = {
  version: 19,
  name: 'application-steps',
  sql: `
    CREATE TABLE application_steps (
      id INTEGER PRIMARY KEY,
      application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
      step TEXT NOT NULL CHECK (step IN ('register', 'assign', 'completeness', 'prepare', 'sign', 'hand-out')),
      started_at TEXT NOT NULL,
      due_at TEXT NOT NULL,
      ended_at TEXT,
      ended_by TEXT,
      CHECK (ended_at IS NULL OR ended_at >= started_at)
    ) STRICT;
    CREATE UNIQUE INDEX application_steps_open ON application_steps(application_id) WHERE ended_at IS NULL;
    CREATE INDEX application_steps_open_by_due ON application_steps(due_at) WHERE ended_at IS NULL;
    CREATE INDEX application_steps_of_application ON application_steps(application_id, started_at);
  `,
};
