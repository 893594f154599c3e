import type { Migration } from './migration';

/**
 * A reissue or a duplicate names the licence it is asked for (chosen from the journal): the application
 * keeps that number, and a licence is looked up by it to tell whether it has been reissued since.
 */
export const migration0025: Migration = {
  version: 25,
  name: 'original-licence',
  sql: `
    ALTER TABLE applications ADD COLUMN original_number TEXT;
    CREATE INDEX applications_original ON applications(original_number) WHERE original_number IS NOT NULL;
  `,
};
