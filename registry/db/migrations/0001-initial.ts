import type { RegistryMigration } from './migration';

/**
 * The registry's first schema. Times the offices report are kept as they sent them (timestamptz);
 * what the registry decides itself (registry numbers, leased blocks) comes from counters rows updated
 * under a row lock, so two registry instances on one database never hand out a number twice.
 */
export const initial: RegistryMigration = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE registry_ca (
      id integer PRIMARY KEY CHECK (id = 1),
      certificate_pem text NOT NULL,
      private_key_pem text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE offices (
      id text PRIMARY KEY,
      authority_bin text NOT NULL CHECK (authority_bin ~ '^[0-9]{12}$'),
      code text NOT NULL,
      letters text NOT NULL CHECK (letters ~ '^[A-Z]{3}$'),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (authority_bin, code)
    );

    CREATE TABLE enrolment_codes (
      code_sha256 text PRIMARY KEY,
      office_id text NOT NULL REFERENCES offices(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      used_by text
    );

    CREATE TABLE desks (
      client_id text PRIMARY KEY,
      office_id text NOT NULL REFERENCES offices(id),
      name text NOT NULL,
      certificate_sha256 text NOT NULL UNIQUE,
      enrolled_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      last_mutation_id integer NOT NULL DEFAULT 0,
      last_seen_at timestamptz
    );

    CREATE TABLE mutation_results (
      client_id text NOT NULL REFERENCES desks(client_id),
      mutation_id integer NOT NULL,
      event_id text NOT NULL,
      type text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('accepted', 'rejected')),
      registry_number text,
      reason text,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (client_id, mutation_id)
    );

    CREATE TABLE counters (
      name text PRIMARY KEY,
      value integer NOT NULL
    );

    CREATE TABLE applications (
      id text PRIMARY KEY,
      office_id text NOT NULL REFERENCES offices(id),
      authority_bin text NOT NULL,
      registry_number text NOT NULL UNIQUE,
      journal_number text NOT NULL,
      service_code text NOT NULL,
      procedure text NOT NULL CHECK (procedure IN ('issue', 'reissue', 'duplicate')),
      applicant_kind text NOT NULL CHECK (applicant_kind IN ('legal', 'individual')),
      applicant_idn text NOT NULL,
      applicant_name text NOT NULL,
      applicant_name_kk text,
      status text NOT NULL,
      executor_id text,
      registered_at timestamptz NOT NULL,
      due_date date NOT NULL,
      form_sha256 text NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (office_id, journal_number)
    );
    CREATE INDEX applications_authority ON applications (authority_bin, registered_at);

    CREATE TABLE application_history (
      id bigserial PRIMARY KEY,
      application_id text NOT NULL REFERENCES applications(id),
      event_type text NOT NULL,
      status text NOT NULL,
      at timestamptz NOT NULL,
      client_id text NOT NULL,
      mutation_id integer NOT NULL
    );
    CREATE INDEX application_history_application ON application_history (application_id, id);

    CREATE TABLE licence_blocks (
      lease_id text PRIMARY KEY,
      client_id text NOT NULL REFERENCES desks(client_id),
      year text NOT NULL CHECK (year ~ '^[0-9]{2}$'),
      letters text NOT NULL,
      first integer NOT NULL,
      last integer NOT NULL CHECK (last >= first),
      leased_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX licence_blocks_client ON licence_blocks (client_id, year);

    CREATE TABLE files (
      sha256 text PRIMARY KEY,
      size integer NOT NULL,
      content bytea NOT NULL,
      office_id text NOT NULL REFERENCES offices(id),
      received_at timestamptz NOT NULL DEFAULT now()
    );

    -- A file coming up in chunks: what has arrived so far, resumable from its length.
    CREATE TABLE uploads (
      office_id text NOT NULL REFERENCES offices(id),
      sha256 text NOT NULL,
      size integer NOT NULL,
      received bytea NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (office_id, sha256)
    );

    CREATE TABLE licences (
      number text PRIMARY KEY CHECK (number ~ '^KZ[0-9]{2}[A-Z]{3}[0-9]{8}$'),
      application_id text NOT NULL UNIQUE REFERENCES applications(id),
      decision_id text NOT NULL UNIQUE,
      office_id text NOT NULL REFERENCES offices(id),
      authority_bin text NOT NULL,
      holder_idn text NOT NULL,
      holder_name text NOT NULL,
      service_code text NOT NULL,
      status text NOT NULL CHECK (status IN ('active', 'reissued', 'suspended', 'revoked')),
      issued_at timestamptz NOT NULL,
      pdf_sha256 text NOT NULL REFERENCES files(sha256),
      -- The digest in the licence's QR code: the public check finds the licence by it too.
      qr_digest text,
      original_number text REFERENCES licences(number)
    );
    CREATE INDEX licences_holder ON licences (holder_idn);
    CREATE INDEX licences_qr ON licences (qr_digest);

    CREATE TABLE refusals (
      decision_id text PRIMARY KEY,
      number text NOT NULL,
      office_id text NOT NULL REFERENCES offices(id),
      application_id text NOT NULL UNIQUE REFERENCES applications(id),
      refused_at timestamptz NOT NULL,
      pdf_sha256 text NOT NULL REFERENCES files(sha256),
      UNIQUE (office_id, number)
    );

    -- What desks pull, per authority, in the order it happened (a push holds its authority's lock).
    CREATE TABLE changes (
      seq bigserial PRIMARY KEY,
      authority_bin text NOT NULL,
      body jsonb NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX changes_authority ON changes (authority_bin, seq);

    -- The NCA's root certificates the registry checks every signed decision against.
    CREATE TABLE trusted_roots (
      sha256 text PRIMARY KEY,
      der bytea NOT NULL,
      added_at timestamptz NOT NULL DEFAULT now()
    );
  `,
};
