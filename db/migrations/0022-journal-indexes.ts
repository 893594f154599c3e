import type { Migration } from './migration';

/**
 * The journal stays fast at a million applications: each filter has an index that also gives the
 * newest-first order (so a page reads its rows, never sorts them all), and applicants' names have a
 * full-text index (FTS5 over a table of names kept by triggers, each under a growing integer key — rowids
 * of a table without an integer key may change under VACUUM), where a `LIKE '%…%'` read the whole table. The year filter's
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
    -- The journal report for a period, in the order registered.
    CREATE INDEX applications_registered_at ON applications(registered_at) WHERE registered_at IS NOT NULL;

    -- The names, each under a key of its own (an integer that only grows, so the name index can be read
    -- newest first and stop at a page) and found by the application's id; the FTS5 index reads them from here.
    CREATE TABLE applicant_name_rows (k INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL) STRICT;
    INSERT INTO applicant_name_rows (id, name) SELECT id, concat_ws(' ', json_extract(applicant_json, '$.name'), json_extract(applicant_json, '$.nameKk')) FROM applications ORDER BY id;
    CREATE VIRTUAL TABLE applicant_names USING fts5(name, content = 'applicant_name_rows', content_rowid = 'k', tokenize = 'unicode61 remove_diacritics 0');
    INSERT INTO applicant_names (applicant_names) VALUES ('rebuild');
    CREATE TRIGGER applicant_name_rows_insert AFTER INSERT ON applicant_name_rows BEGIN
      INSERT INTO applicant_names (rowid, name) VALUES (NEW.k, NEW.name);
    END;
    CREATE TRIGGER applicant_name_rows_delete AFTER DELETE ON applicant_name_rows BEGIN
      INSERT INTO applicant_names (applicant_names, rowid, name) VALUES ('delete', OLD.k, OLD.name);
    END;
    CREATE TRIGGER applicant_name_rows_update AFTER UPDATE ON applicant_name_rows BEGIN
      INSERT INTO applicant_names (applicant_names, rowid, name) VALUES ('delete', OLD.k, OLD.name);
      INSERT INTO applicant_names (rowid, name) VALUES (NEW.k, NEW.name);
    END;
    CREATE TRIGGER applicant_names_insert AFTER INSERT ON applications BEGIN
      INSERT INTO applicant_name_rows (id, name) VALUES (NEW.id, concat_ws(' ', json_extract(NEW.applicant_json, '$.name'), json_extract(NEW.applicant_json, '$.nameKk')));
    END;
    CREATE TRIGGER applicant_names_update AFTER UPDATE OF applicant_json ON applications BEGIN
      UPDATE applicant_name_rows SET name = concat_ws(' ', json_extract(NEW.applicant_json, '$.name'), json_extract(NEW.applicant_json, '$.nameKk')) WHERE id = NEW.id;
    END;
    CREATE TRIGGER applicant_names_delete AFTER DELETE ON applications BEGIN
      DELETE FROM applicant_name_rows WHERE id = OLD.id;
    END;
  `,
};
