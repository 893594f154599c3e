import type { RegistryMigration } from './migration';

/**
 * A duplicate is a signed copy of a licence, not a licence of its own: it keeps the licence's number and
 * status, and is recorded by its own identifier (the number and its place among the duplicates).
 */
export const licenceDuplicates: RegistryMigration = {
  version: 6,
  name: 'licence-duplicates',
  sql: `
    CREATE TABLE licence_duplicates (
      decision_id text PRIMARY KEY,
      number text NOT NULL UNIQUE CHECK (number ~ '^KZ[0-9]{2}[A-Z]{3}[0-9]{8}-D[1-9][0-9]{0,3}$'),
      licence_number text NOT NULL REFERENCES licences(number),
      application_id text NOT NULL UNIQUE REFERENCES applications(id),
      office_id text NOT NULL REFERENCES offices(id),
      issued_at timestamptz NOT NULL,
      pdf_sha256 text NOT NULL REFERENCES files(sha256)
    );
    CREATE INDEX licence_duplicates_licence ON licence_duplicates (licence_number);
  `,
};
