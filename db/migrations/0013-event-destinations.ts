import type { Migration } from './migration';

/**
 * Each event says whether the central registry must receive it (domain/events: 'to-registry') or it
 * stays in the office's audit trail. The registry's share waiting to be sent is the outbox sync reads.
 * The types are listed as they stood at this version, not read from the domain, so the migration does
 * today what it did when it was written.
 */
const REGISTRY_TYPES_AT_VERSION_13 = [
  'application.registered',
  'application.assigned',
  'application.submitted-for-decision',
  'application.returned-to-executor',
  'licence.issued',
  'licence.refused',
];

export const migration0013: Migration = {
  version: 13,
  name: 'event-destinations',
  sql: `
    ALTER TABLE events ADD COLUMN to_registry INTEGER NOT NULL DEFAULT 0 CHECK (to_registry IN (0, 1));
    UPDATE events SET to_registry = 1 WHERE type IN (${REGISTRY_TYPES_AT_VERSION_13.map((t) => `'${t}'`).join(', ')});
    DROP INDEX events_unsynced;
    CREATE INDEX events_outbox ON events(seq) WHERE to_registry = 1 AND synced_at IS NULL;
  `,
};
