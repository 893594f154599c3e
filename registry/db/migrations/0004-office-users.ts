import type { RegistryMigration } from './migration';

/**
 * The people of each office as their desks list them (name, roles, whether still active; never a
 * password), so the head at one desk can give an application to an executor at another. A user
 * belongs to the one desk that listed it first.
 */
export const officeUsers: RegistryMigration = {
  version: 4,
  name: 'office-users',
  sql: `
    CREATE TABLE office_users (
      user_id text PRIMARY KEY,
      client_id text NOT NULL REFERENCES desks(client_id),
      username text NOT NULL,
      full_name text NOT NULL,
      roles jsonb NOT NULL,
      active boolean NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX office_users_desk ON office_users (client_id);
  `,
};
