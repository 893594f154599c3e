import type { RegistryMigration } from './migration';

/**
 * What another desk of the office needs to take an application up (its full record and the list of its
 * documents), and which authority's desks may fetch each stored file: those whose applications name it.
 */
export const applicationRecord: RegistryMigration = {
  version: 2,
  name: 'application-record',
  sql: `
    ALTER TABLE applications ADD COLUMN details jsonb;
    ALTER TABLE applications ADD COLUMN documents jsonb NOT NULL DEFAULT '[]';

    CREATE TABLE file_owners (
      sha256 text NOT NULL REFERENCES files(sha256),
      authority_bin text NOT NULL,
      PRIMARY KEY (sha256, authority_bin)
    );
    INSERT INTO file_owners (sha256, authority_bin)
      SELECT pdf_sha256, authority_bin FROM licences
      UNION SELECT r.pdf_sha256, o.authority_bin FROM refusals r JOIN offices o ON o.id = r.office_id;
  `,
};
