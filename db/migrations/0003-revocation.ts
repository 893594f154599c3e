import type { Migration } from './migration';

/**
 * Imported CRLs (full and delta) with their entries, for offices that check revocation offline, and
 * settings (the rule for a stale CRL).
 */
export const migration0003: Migration = {
  version: 3,
  name: 'revocation',
  sql: `
    CREATE TABLE crls (
      id INTEGER PRIMARY KEY,
      ca_sha256 TEXT NOT NULL REFERENCES trusted_certificates(sha256),
      crl_number INTEGER,
      delta_of INTEGER,
      this_update TEXT NOT NULL,
      next_update TEXT,
      der BLOB NOT NULL,
      added_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX crls_ca ON crls(ca_sha256, delta_of, crl_number);

    CREATE TABLE crl_entries (
      crl_id INTEGER NOT NULL REFERENCES crls(id) ON DELETE CASCADE,
      serial_hex TEXT NOT NULL,
      revoked_at TEXT NOT NULL,
      PRIMARY KEY (crl_id, serial_hex)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX crl_entries_serial ON crl_entries(serial_hex);

    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  `,
};
