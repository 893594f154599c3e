import type { RegistryMigration } from './migration';

/**
 * What the registry holds against a desk it does not take at its word: each file's owners are the
 * authorities whose desks uploaded it (named by a command, it is not enough); each command's content
 * hash beside its event id, so a resent mutation id with other content is caught (a desk restored from a
 * backup, or a copied database) rather than answered with another command's result; when an office's
 * blocks were leased (a rate per desk and per office); alarms for the registry's operator; the heads of
 * each desk's audit chain as its pushes brought them; and the operators' own actions, chained.
 */
export const deskTrust: RegistryMigration = {
  version: 7,
  name: 'desk-trust',
  sql: `
    INSERT INTO file_owners (sha256, authority_bin)
      SELECT f.sha256, o.authority_bin FROM files f JOIN offices o ON o.id = f.office_id
      ON CONFLICT DO NOTHING;
    ALTER TABLE mutation_results ADD COLUMN content_sha256 text;
    CREATE INDEX mutation_results_event ON mutation_results (client_id, event_id);
    ALTER TABLE desks ADD COLUMN diverged_at timestamptz;
    ALTER TABLE desks ADD COLUMN diverged_detail text;
    ALTER TABLE office_blocks ADD COLUMN leased_at timestamptz NOT NULL DEFAULT now();
    CREATE INDEX licence_blocks_leased ON licence_blocks (client_id, leased_at);
    CREATE INDEX office_blocks_leased ON office_blocks (office_id, leased_at);
    CREATE TABLE audit_anchors (
      client_id text NOT NULL REFERENCES desks(client_id),
      seq integer NOT NULL,
      hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
      at timestamptz NOT NULL,
      PRIMARY KEY (client_id, seq)
    );
    CREATE TABLE operator_log (
      seq integer PRIMARY KEY,
      prev_hash text NOT NULL,
      at text NOT NULL,
      action text NOT NULL,
      detail jsonb NOT NULL,
      hash text NOT NULL
    );
    CREATE TABLE operator_alarms (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      office_id text REFERENCES offices(id),
      client_id text,
      kind text NOT NULL,
      detail text NOT NULL
    );
  `,
};
