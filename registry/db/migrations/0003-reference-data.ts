import type { RegistryMigration } from './migration';

/**
 * Reference data every office pulls alike (the catalogue, the working calendar, NCA certificates and
 * CRLs): a change with no authority is for all of them. `reference_data` holds the newest publication
 * of each thing and the change that carries it, so a newer one replaces the older change (desks that
 * have not pulled it yet skip straight to the newer). Each change's size lets a pull page stop at a
 * byte budget without reading the bodies. The NCA roots already trusted are published as the first of it.
 */
export const referenceData: RegistryMigration = {
  version: 3,
  name: 'reference-data',
  sql: `
    ALTER TABLE changes ALTER COLUMN authority_bin DROP NOT NULL;
    ALTER TABLE changes ADD COLUMN size integer NOT NULL DEFAULT 0;
    CREATE INDEX changes_every_authority ON changes (seq) WHERE authority_bin IS NULL;

    CREATE TABLE reference_data (
      kind text NOT NULL CHECK (kind IN ('catalogue', 'calendar', 'certificate', 'crl')),
      key text NOT NULL,
      sha256 text NOT NULL,
      version text,
      change_seq bigint NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (kind, key)
    );

    WITH published AS (
      INSERT INTO changes (authority_bin, body, size)
      SELECT NULL, jsonb_build_object('kind', 'reference.certificate', 'sha256', sha256, 'der', translate(encode(der, 'base64'), E'\\n', '')),
             octet_length(der) * 4 / 3 + 100
      FROM trusted_roots ORDER BY added_at
      RETURNING seq, body->>'sha256' AS sha256
    )
    INSERT INTO reference_data (kind, key, sha256, change_seq) SELECT 'certificate', sha256, sha256, seq FROM published;
  `,
};
