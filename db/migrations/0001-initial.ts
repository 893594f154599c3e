import type { Migration } from './migration';

/** The workflow: the authority, users and roles, applications with documents, checklist and decision, the event outbox. */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE authority (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      name_kk TEXT NOT NULL, name_ru TEXT NOT NULL, bin TEXT NOT NULL,
      place_kk TEXT NOT NULL, place_ru TEXT NOT NULL, office_code TEXT NOT NULL
    ) STRICT;

    CREATE TABLE users (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE,
      full_name TEXT NOT NULL,
      iin TEXT,
      password_hash TEXT NOT NULL,
      failed_attempts INTEGER NOT NULL DEFAULT 0,
      locked_until TEXT,
      disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE user_roles (
      user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role TEXT NOT NULL CHECK (role IN ('clerk', 'executor', 'head', 'admin')),
      PRIMARY KEY (user_id, role)
    ) STRICT;

    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;

    CREATE TABLE applications (
      id TEXT PRIMARY KEY,
      service_code TEXT NOT NULL,
      procedure TEXT NOT NULL CHECK (procedure IN ('issue', 'reissue', 'duplicate')),
      catalogue_version TEXT NOT NULL,
      applicant_kind TEXT NOT NULL CHECK (applicant_kind IN ('legal', 'individual')),
      applicant_idn TEXT NOT NULL,
      applicant_json TEXT NOT NULL,
      representation_json TEXT NOT NULL,
      status TEXT NOT NULL,
      journal_number TEXT UNIQUE,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id),
      registered_at TEXT,
      due_date TEXT,
      executor_id TEXT REFERENCES users(id),
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX applications_status ON applications(status);
    CREATE INDEX applications_applicant ON applications(applicant_idn);

    CREATE TABLE slot_marks (
      application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
      slot_code TEXT NOT NULL,
      paper_presented INTEGER NOT NULL CHECK (paper_presented IN (0, 1)),
      PRIMARY KEY (application_id, slot_code)
    ) STRICT;

    CREATE TABLE documents (
      id TEXT PRIMARY KEY,
      application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
      slot_code TEXT NOT NULL,
      file_name TEXT NOT NULL,
      mime TEXT NOT NULL,
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      pages INTEGER NOT NULL,
      added_at TEXT NOT NULL,
      added_by TEXT NOT NULL REFERENCES users(id)
    ) STRICT;
    CREATE INDEX documents_application ON documents(application_id);

    CREATE TABLE checklist (
      application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
      item_code TEXT NOT NULL,
      met INTEGER NOT NULL CHECK (met IN (0, 1)),
      note TEXT NOT NULL,
      decided_by TEXT NOT NULL REFERENCES users(id),
      decided_at TEXT NOT NULL,
      PRIMARY KEY (application_id, item_code)
    ) STRICT;

    CREATE TABLE decisions (
      id TEXT PRIMARY KEY,
      application_id TEXT NOT NULL UNIQUE REFERENCES applications(id),
      kind TEXT NOT NULL CHECK (kind IN ('licence', 'refusal')),
      number TEXT NOT NULL UNIQUE,
      reason TEXT NOT NULL,
      pdf_sha256 TEXT NOT NULL,
      signed_at TEXT NOT NULL,
      signer_user_id TEXT NOT NULL REFERENCES users(id),
      signer_name TEXT NOT NULL,
      signer_iin TEXT NOT NULL
    ) STRICT;

    CREATE TABLE events (
      id TEXT PRIMARY KEY,
      at TEXT NOT NULL,
      actor_id TEXT,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      type TEXT NOT NULL,
      payload TEXT NOT NULL,
      synced_at TEXT
    ) STRICT;
    CREATE INDEX events_unsynced ON events(synced_at) WHERE synced_at IS NULL;
  `,
};
