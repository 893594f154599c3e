import type { Migration } from './migration';

/**
 * Background work that must survive a restart (main/jobs): each job names its queue, carries its data
 * as JSON (validated when loaded), counts its failed attempts and waits until `run_after` (epoch ms) to
 * be tried again. A key, when given, makes a job unique in its queue (the same scan is not taken in
 * twice). Documents whose OCR was queued by an earlier version get their job here.
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
    INSERT INTO jobs (id, queue, key, data, run_after, created_at)
      SELECT lower(hex(randomblob(16))), 'document-ocr', document_id, json_object('documentId', document_id), 0, updated_at
      FROM document_ocr WHERE status = 'queued';
  `,
};
