import type { Migration } from './migration';

/** The clerk certifies the filled intake form with EDS at registration: its hash and the CMS's file. */
export const migration0005: Migration = {
  version: 5,
  name: 'intake-form-signature',
  sql: `
    ALTER TABLE applications ADD COLUMN form_sha256 TEXT;
    ALTER TABLE applications ADD COLUMN form_cms_sha256 TEXT;
  `,
};
