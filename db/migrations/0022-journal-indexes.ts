import type { Migration } from './migration';

/**
 * The journal stays fast at a million applications: each filter has an index that also gives the
 * newest-first order (so a page reads its rows, never sorts them all), and applicants' names have a
 * full-text index (FTS5, kept by triggers, keyed by the application's id: rowids of a table without an
 * integer key may change under VACUUM), where a `LIKE '%…%'` read the whole table. The year filter's
 * index is on the very expression the query uses. Names are indexed lower-cased by unicode61, Kazakh
 * letters as they are (no diacritics folded: Қ is not К).
 */
export const migration0022: Migration = {
  version: 22,
  name: 'journal-indexes',
  sql: `
    DROP INDEX applications_status;
    CREATE INDEX applications_status_id ON applications(status, id);
    CREATE INDEX applications_year_id ON applications(substr(coalesce(registered_at, created_at), 1, 4), id);
    DROP INDEX applications_applicant;
    CREATE INDEX applications_applicant_id ON applications(applicant_idn, id);

    CREATE VIRTUAL TABLE applicant_names USING fts5(id UNINDEXED, name, tokenize = 'unicode61 remove_diacritics 0');
    INSERT INTO applicant_names (id, name)
      SELECT id, concat_ws(' ', json_extract(applicant_json, '$.name'), json_extract(applicant_json, '$.nameKk')) FROM applications;
    CREATE TRIGGER applicant_names_insert AFTER INSERT ON applications BEGIN
      INSERT INTO applicant_names (id, name) VALUES (NEW.id, concat_ws(' ', json_extract(NEW.applicant_json, '$.name'), json_extract(NEW.applicant_json, '$.nameKk')));
    END;
    CREATE TRIGGER applicant_names_update AFTER UPDATE OF applicant_json ON applications BEGIN
      UPDATE applicant_names SET name = concat_ws(' ', json_extract(NEW.applicant_json, '$.name'), json_extract(NEW.applicant_json, '$.nameKk')) WHERE id = NEW.id;
    END;
    -- Only a draft is ever deleted (rarely): finding its row by id reads the name index's table, which is fine for that.
    CREATE TRIGGER applicant_names_delete AFTER DELETE ON applications BEGIN
      DELETE FROM applicant_names WHERE id = OLD.id;
    END;
  `,
};
