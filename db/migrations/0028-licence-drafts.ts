import type { Migration } from './migration';

/**
 * The executor's draft of the licence's variable fields (seed 001, annex 3): the sub-types of the
 * activity chosen from the application's catalogue (by their place in it: an application keeps its
 * catalogue version), the production base's location, special conditions ('' = none) and, when the
 * licence is not indefinite, the day it is valid until.
 *
 * The head's preview of a decision: the exact unsigned PDF (a stored file) and the facts it was made
 * with. Signing it appends the signature to those bytes; one preview per application, the latest.
 */
export const migration0028: Migration = {
  version: 28,
  name: 'licence-drafts',
  sql: `
    CREATE TABLE licence_drafts (
      application_id TEXT PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
      subtypes_json TEXT NOT NULL CHECK (json_valid(subtypes_json) AND json_type(subtypes_json) = 'array'),
      production_base TEXT NOT NULL CHECK (length(trim(production_base)) > 0),
      special_conditions TEXT NOT NULL,
      valid_until TEXT CHECK (valid_until IS NULL OR valid_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      saved_by TEXT NOT NULL REFERENCES users(id),
      saved_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE decision_previews (
      application_id TEXT PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('licence', 'refusal', 'consideration-refusal')),
      reason TEXT NOT NULL,
      number TEXT NOT NULL,
      record_id TEXT NOT NULL UNIQUE,
      prepared_at TEXT NOT NULL,
      prepared_by TEXT NOT NULL REFERENCES users(id),
      signer_iin TEXT NOT NULL,
      qr TEXT NOT NULL,
      pdf_sha256 TEXT NOT NULL CHECK (length(pdf_sha256) = 64)
    ) STRICT;
  `,
};
