import type { Migration } from './migration';

/**
 * Sync with the central registry (main/sync). The outbox holds one command per event the registry must
 * learn of, written with the event (appendEvent); its rowid is the desk's mutation id, 1, 2, 3…, in
 * the order the actions happened. Events recorded before this version go in first, in their order, the
 * registration carrying the application's service, procedure and applicant as the registry needs them.
 * What the registry answers (accepted with its number, or rejected with a reason) is kept beside each
 * command; what it assigns to an application (its registry number, a status changed centrally) in
 * application_sync. Licence-number blocks leased to this desk, and the desk's enrolment, have their
 * own tables.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'sync',
  sql: `
    CREATE TABLE outbox (
      mutation_id INTEGER PRIMARY KEY,
      event_id TEXT NOT NULL UNIQUE REFERENCES events(id),
      application_id TEXT NOT NULL,
      type TEXT NOT NULL,
      body TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'accepted', 'rejected')),
      reason TEXT,
      registry_number TEXT,
      acknowledged_at TEXT
    ) STRICT;
    CREATE INDEX outbox_waiting ON outbox(mutation_id) WHERE state = 'waiting';
    CREATE INDEX outbox_application ON outbox(application_id);

    INSERT INTO outbox (mutation_id, event_id, application_id, type, body)
    SELECT row_number() OVER (ORDER BY e.seq), e.id, e.entity_id, e.type,
      json_object(
        'eventId', e.id, 'applicationId', e.entity_id, 'at', e.at, 'type', e.type, 'entity', e.entity,
        'payload', CASE WHEN e.type = 'application.registered' AND a.id IS NOT NULL
          THEN json_set(json(e.payload),
            '$.serviceCode', a.service_code,
            '$.procedure', a.procedure,
            '$.applicant', json_object('kind', a.applicant_kind, 'idn', a.applicant_idn,
              'name', json_extract(a.applicant_json, '$.name'), 'nameKk', json_extract(a.applicant_json, '$.nameKk')))
          ELSE json(e.payload) END)
    FROM events e LEFT JOIN applications a ON a.id = e.entity_id
    WHERE e.to_registry = 1
    ORDER BY e.seq;

    CREATE TABLE application_sync (
      application_id TEXT PRIMARY KEY,
      registry_number TEXT,
      registry_status TEXT,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE licence_number_blocks (
      lease_id TEXT PRIMARY KEY,
      year TEXT NOT NULL,
      letters TEXT NOT NULL,
      first INTEGER NOT NULL,
      last INTEGER NOT NULL CHECK (last >= first),
      next INTEGER NOT NULL CHECK (next >= first AND next <= last + 1),
      leased_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE registry_enrolment (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      registry_url TEXT NOT NULL,
      client_id TEXT NOT NULL,
      authority_bin TEXT NOT NULL,
      office_code TEXT NOT NULL,
      ca_pem TEXT NOT NULL,
      certificate_pem TEXT NOT NULL,
      private_key_pem TEXT NOT NULL,
      enrolled_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE sync_state (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `,
};
