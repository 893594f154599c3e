import type { Migration } from './migration';

/**
 * The page that proves a qualification requirement: the executor points a checklist item at a page of
 * one of the application's documents, and the head sees it before signing. One page per item; the
 * document is the application's own (checked in main/services/workflow), and goes with it.
 */
export const migration0027: Migration = {
  version: 27,
  name: 'checklist-evidence',
  sql: `
    CREATE TABLE checklist_evidence (
      application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
      item_code TEXT NOT NULL,
      document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      page INTEGER NOT NULL CHECK (page >= 1),
      set_by TEXT NOT NULL REFERENCES users(id),
      set_at TEXT NOT NULL,
      PRIMARY KEY (application_id, item_code)
    ) STRICT;
    CREATE INDEX checklist_evidence_document ON checklist_evidence(document_id);
  `,
};
