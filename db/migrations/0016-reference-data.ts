import type { Migration } from './migration';

/**
 * Reference data the registry publishes for every office, as this desk received it: the services
 * catalogue (by version) and years of the working calendar. They take precedence over the copies
 * shipped with the app (a newer catalogue, a calendar year corrected by decree). Certificates and CRLs
 * from the registry go to the trust store and the CRL tables like those imported by hand.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'reference-data',
  sql: `
    CREATE TABLE reference_data (
      kind TEXT NOT NULL CHECK (kind IN ('catalogue', 'calendar')),
      key TEXT NOT NULL,
      body TEXT NOT NULL CHECK (json_valid(body)),
      received_at TEXT NOT NULL,
      PRIMARY KEY (kind, key)
    ) STRICT;
  `,
};
