import type { Migration } from './migration';

/**
 * The audit screen filters the trail by person, action, application and period, newest first: an index
 * for each, ending in the entry's place in the chain, so a page reads its entries and no more.
 */
export const migration0023: Migration = {
  version: 23,
  name: 'audit-indexes',
  sql: `
    CREATE INDEX events_entity_seq ON events(entity_id, seq);
    CREATE INDEX events_actor_seq ON events(actor_id, seq);
    CREATE INDEX events_type_seq ON events(type, seq);
    CREATE INDEX events_at ON events(at);
  `,
};
