import type { Migration } from './migration';

/**
 * Blocks of the office's own numbers (its journal, its refusals) the registry leased this desk, as
 * licence_number_blocks holds licence numbers: the desks of one office, offline at once, number from
 * blocks that never overlap. `year` is the licence year's two digits.
 */
export const migration0018: Migration = {
  version: 18,
  name: 'office-number-blocks',
  sql: `
    CREATE TABLE office_number_blocks (
      lease_id TEXT PRIMARY KEY,
      series TEXT NOT NULL CHECK (series IN ('journal', 'refusal')),
      year TEXT NOT NULL,
      first INTEGER NOT NULL,
      last INTEGER NOT NULL CHECK (last >= first),
      next INTEGER NOT NULL CHECK (next >= first AND next <= last + 1),
      leased_at TEXT NOT NULL
    ) STRICT;
  `,
};
