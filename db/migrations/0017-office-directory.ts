import type { Migration } from './migration';

/**
 * The people who work at the office's other desks, as the registry relays them: each has a row in
 * `users` (so an application can be theirs) that cannot sign in here, and a row here saying where they
 * sit and whether they are still active there. This desk's own users have no row here.
 */
export const migration0017: Migration = {
  version: 17,
  name: 'office-directory',
  sql: `
    CREATE TABLE office_directory (
      user_id TEXT PRIMARY KEY REFERENCES users(id),
      username TEXT NOT NULL,
      desk_client_id TEXT NOT NULL,
      desk_name TEXT NOT NULL,
      active INTEGER NOT NULL CHECK (active IN (0, 1)),
      updated_at TEXT NOT NULL
    ) STRICT;
  `,
};
