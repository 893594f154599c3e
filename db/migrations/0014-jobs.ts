import type { Migration } from './migration';

/**
 * Background work that must survive a restart (main/jobs): each job names its queue, carries its data
 * as JSON (validated when loaded), counts its failed attempts and waits until `run_after` (epoch ms) to
 * be tried again. A key, when given, makes a job unique in its queue (the same scan is not taken in
 * twice). Documents an earlier version left queued for OCR get their job when OCR starts (its resume),
 * the one place that also catches any queued document without a job.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'jobs',
  sql: `
    CREATE TABLE jobs (
      id TEXT PRIMARY KEY,
      queue TEXT NOT NULL,
      key TEXT,
      data TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      run_after INTEGER NOT NULL,
      last_error TEXT,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX jobs_key ON jobs(queue, key) WHERE key IS NOT NULL;
    CREATE INDEX jobs_due ON jobs(queue, run_after);
  `,
};
