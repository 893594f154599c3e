import type { RegistryMigration } from './migration';

/**
 * Blocks of an office's own numbers (its journal, its refusals) leased to its desks, as licence numbers
 * are: desks of one office working offline at once never number two applications alike. Each office's
 * sequence is a counters row (`journal:OFFICE:YEAR`), moved past every number a push brings — also
 * those a desk gave before it was enrolled — so a block never covers a number already used.
 */
export const officeBlocks: RegistryMigration = {
  version: 5,
  name: 'office-blocks',
  sql: `
    CREATE TABLE office_blocks (
      lease_id text PRIMARY KEY,
      client_id text NOT NULL REFERENCES desks(client_id),
      office_id text NOT NULL REFERENCES offices(id),
      series text NOT NULL CHECK (series IN ('journal', 'refusal')),
      year text NOT NULL CHECK (year ~ '^[0-9]{2}$'),
      first integer NOT NULL,
      last integer NOT NULL CHECK (last >= first)
    );
    -- The public check shows which licence reissued an original.
    CREATE INDEX licences_original ON licences (original_number);

    INSERT INTO counters (name, value)
      SELECT 'journal:' || office_id || ':' || substring(journal_number from '-[0-9]{2}([0-9]{2})-[0-9]+$'), max(substring(journal_number from '-([0-9]+)$')::integer)
      FROM applications WHERE journal_number ~ '-[0-9]{4}-[0-9]+$' GROUP BY 1
      UNION ALL
      SELECT 'refusal:' || office_id || ':' || substring(number from '-[0-9]{2}([0-9]{2})-R[0-9]+$'), max(substring(number from '-R([0-9]+)$')::integer)
      FROM refusals WHERE number ~ '-[0-9]{4}-R[0-9]+$' GROUP BY 1
    ON CONFLICT (name) DO UPDATE SET value = GREATEST(counters.value, excluded.value);
  `,
};
