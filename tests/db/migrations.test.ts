import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { DatabaseTooNewError, LATEST_VERSION, migrate, MIGRATIONS, schemaVersion } from '../../db/migrations';
import { openDatabase } from '../../db/open';
import { verifyAudit } from '../../db/audit/verify';
import { insertEntry } from '../../db/audit/entries';
import { tempDir } from '../support/temp';

function withFile<T>(work: (file: string) => T): T {
  const dir = tempDir();
  try {
    return work(join(dir.path, 'test.sqlite'));
  } finally {
    dir.remove();
  }
}

/** A user (u1) and one scrap-metal application (a1) in the given status, as every version since 18 stores them. */
function addOneApplication(db: Database.Database, status: string): void {
  db.prepare("INSERT INTO users (id, username, full_name, password_hash, disabled, created_at) VALUES ('u1', 'clerk', 'Анна', '!', 0, '2026')").run();
  db.prepare(
    `INSERT INTO applications (id, service_code, procedure, catalogue_version, applicant_kind, applicant_idn, applicant_json, representation_json, status, created_at, created_by, updated_at)
     VALUES ('a1', 'scrap-metal', 'issue', '2026-12-01', 'legal', '150840001234', '{}', '{}', ?, '2026-12-03T09:00:00Z', 'u1', '2026-12-03T09:00:00Z')`,
  ).run(status);
}

test('a fresh database gets every migration, WAL and foreign keys', () =>
  withFile((file) => {
    const db = openDatabase(file);
    assert.equal(schemaVersion(db), LATEST_VERSION);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    db.close();
  }));

test('migration versions are consecutive from 1', () => {
  MIGRATIONS.forEach((m, i) => assert.equal(m.version, i + 1));
});

test('each migration applies on top of the ones before it', () => {
  for (let n = 1; n <= MIGRATIONS.length; n++) {
    withFile((file) => {
      const db = new Database(file);
      assert.equal(migrate(db, MIGRATIONS.slice(0, n)), n);
      assert.equal(schemaVersion(db), n);
      db.close();
    });
  }
});

test('migration 2 (trust store) upgrades a version-1 database and keeps its data', () =>
  withFile((file) => {
    const v1 = new Database(file);
    migrate(v1, MIGRATIONS.slice(0, 1));
    v1.prepare("INSERT INTO users (id, username, full_name, password_hash, created_at) VALUES ('u1', 'kept', 'Kept User', 'x', '2026-01-01')").run();
    v1.close();

    const db = openDatabase(file);
    assert.equal(schemaVersion(db), LATEST_VERSION);
    assert.equal((db.prepare("SELECT username FROM users WHERE id = 'u1'").get() as { username: string }).username, 'kept');
    db.prepare("INSERT INTO trusted_certificates (sha256, subject, der, added_at) VALUES ('a', 'CN=x', x'00', '2026')").run();
    db.close();
  }));

test('a failing migration leaves the database exactly as it was', () =>
  withFile((file) => {
    const db = new Database(file);
    migrate(db, MIGRATIONS.slice(0, 1));
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE fine (x); THIS IS NOT SQL;' }];
    assert.throws(() => migrate(db, broken));
    assert.equal(schemaVersion(db), 1);
    const left = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('trusted_certificates', 'fine')").get() as { n: number };
    assert.equal(left.n, 0);
    db.close();
  }));

test('a database from a newer app is refused with a clear error and left untouched', () =>
  withFile((file) => {
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    assert.throws(() => openDatabase(file), (error: unknown) => {
      assert.ok(error instanceof DatabaseTooNewError);
      assert.match(error.message, /newer АЖО/);
      return true;
    });
    const again = new Database(file);
    assert.equal(schemaVersion(again), LATEST_VERSION + 1);
    again.close();
  }));

test('migration 3 (revocation) upgrades a version-2 database: CRLs hang off trusted certificates', () =>
  withFile((file) => {
    const v2 = new Database(file);
    migrate(v2, MIGRATIONS.slice(0, 2));
    v2.prepare("INSERT INTO trusted_certificates (sha256, subject, der, added_at) VALUES ('ca', 'CN=CA', x'00', '2026')").run();
    v2.close();

    const db = openDatabase(file);
    assert.equal(schemaVersion(db), LATEST_VERSION);
    db.prepare("INSERT INTO crls (ca_sha256, crl_number, this_update, der, added_at) VALUES ('ca', 1, '2026', x'00', '2026')").run();
    assert.throws(() => db.prepare("INSERT INTO crls (ca_sha256, crl_number, this_update, der, added_at) VALUES ('unknown', 1, '2026', x'00', '2026')").run(), /FOREIGN KEY/);
    db.close();
  }));

test('migrations 4 and 5 add the QR text to decisions and the form signature to applications, keeping rows', () =>
  withFile((file) => {
    const v3 = new Database(file);
    migrate(v3, MIGRATIONS.slice(0, 3));
    v3.exec(`
      INSERT INTO users (id, username, full_name, password_hash, created_at) VALUES ('u1', 'head', 'Head', 'x', '2026');
      INSERT INTO applications (id, service_code, procedure, catalogue_version, applicant_kind, applicant_idn, applicant_json,
        representation_json, status, created_at, created_by, updated_at)
        VALUES ('a1', 'scrap-metal', 'issue', '2026-11-01', 'legal', '150840001234', '{}', '{}', 'issued', '2026', 'u1', '2026');
      INSERT INTO decisions (id, application_id, kind, number, reason, pdf_sha256, signed_at, signer_user_id, signer_name, signer_iin)
        VALUES ('d1', 'a1', 'licence', 'KZ26KRG00000001', '', 'x', '2026', 'u1', 'Head', '781103500670');
    `);
    v3.close();
    const db = openDatabase(file);
    assert.equal((db.prepare("SELECT qr_payload FROM decisions WHERE id = 'd1'").get() as { qr_payload: string }).qr_payload, '');
    assert.deepEqual(db.prepare("SELECT form_sha256, form_cms_sha256 FROM applications WHERE id = 'a1'").get(), { form_sha256: null, form_cms_sha256: null });
    db.close();
  }));

test('migration 6 (OCSP answers) upgrades a version-5 database and accepts only known statuses', () =>
  withFile((file) => {
    const v5 = new Database(file);
    migrate(v5, MIGRATIONS.slice(0, 5));
    v5.prepare("INSERT INTO settings (key, value) VALUES ('crl.stale-rule', 'block')").run();
    v5.close();
    const db = openDatabase(file);
    assert.equal(schemaVersion(db), LATEST_VERSION);
    assert.deepEqual(db.prepare("SELECT value FROM settings WHERE key = 'crl.stale-rule'").get(), { value: 'block' });
    const insert = (status: string) =>
      db.prepare(`INSERT INTO ocsp_responses (certificate_sha256, issuer_sha256, status, this_update, produced_at, fetched_at, der)
        VALUES (?, 'ca', ?, '2026', '2026', '2026', x'00')`).run(`c-${status}`, status);
    insert('revoked');
    assert.throws(() => insert('maybe'), /CHECK/);
    db.close();
  }));

test('migration 7 (capture tray) upgrades a version-6 database; pages belong to a user and have a size', () =>
  withFile((file) => {
    const v6 = new Database(file);
    migrate(v6, MIGRATIONS.slice(0, 6));
    v6.exec("INSERT INTO users (id, username, full_name, password_hash, created_at) VALUES ('u1', 'clerk', 'Clerk', 'x', '2026')");
    v6.close();
    const db = openDatabase(file);
    const insert = (user: string, width: number) =>
      db.prepare(`INSERT INTO capture_pages (id, user_id, position, sha256, width, height, resolution, device, scanned_at)
        VALUES (?, ?, 1, 'x', ?, 10, 300, 'sane:test:0', '2026')`).run(`p-${user}-${width}`, user, width);
    insert('u1', 10);
    assert.throws(() => insert('nobody', 10), /FOREIGN KEY/);
    assert.throws(() => insert('u1', 0), /CHECK/);
    db.close();
  }));

test('migration 8 (document text) upgrades a version-7 database: OCR state follows its document, text is searchable', () =>
  withFile((file) => {
    const v7 = new Database(file);
    migrate(v7, MIGRATIONS.slice(0, 7));
    v7.close();
    const db = openDatabase(file);
    assert.equal(schemaVersion(db), LATEST_VERSION);
    assert.throws(
      () => db.prepare("INSERT INTO document_ocr (document_id, status, pages_total, updated_at) VALUES ('no-such-document', 'queued', 1, '2026')").run(),
      /FOREIGN KEY/,
    );
    db.prepare("INSERT INTO document_text (document_id, text) VALUES ('d1', 'Қазметалл ЖШС, БСН 040340004629')").run();
    const hits = (query: string) => (db.prepare('SELECT document_id FROM document_text WHERE document_text MATCH ?').all(query) as { document_id: string }[]).length;
    assert.equal(hits('қазметалл'), 1, 'case folded in Cyrillic');
    assert.equal(hits('казметалл'), 0, 'Kazakh letters are not folded into Russian ones');
    assert.equal(hits('040340004629'), 1);
    db.close();
  }));

test('migration 9 (scan sources) upgrades a version-8 database: network scanners are web addresses, hot-folder files have an outcome', () =>
  withFile((file) => {
    const v8 = new Database(file);
    migrate(v8, MIGRATIONS.slice(0, 8));
    v8.exec("INSERT INTO users (id, username, full_name, password_hash, created_at) VALUES ('u1', 'clerk', 'Clerk', 'x', '2026')");
    v8.close();
    const db = openDatabase(file);
    assert.equal(schemaVersion(db), LATEST_VERSION);
    const addScanner = (url: string, user = 'u1') =>
      db.prepare("INSERT INTO network_scanners (url, name, added_by, added_at) VALUES (?, 'MFP', ?, '2026')").run(url, user);
    addScanner('http://192.0.2.7:8080/eSCL');
    assert.throws(() => addScanner('file:///etc/passwd'), /CHECK/);
    assert.throws(() => addScanner('http://192.0.2.8/eSCL', 'nobody'), /FOREIGN KEY/);
    const seen = (outcome: string) =>
      db.prepare("INSERT INTO hot_folder_files (user_id, file_name, sha256, outcome, seen_at) VALUES ('u1', 'scan.pdf', 'ab', ?, '2026')").run(outcome);
    seen('taken');
    seen('duplicate');
    assert.throws(() => seen('lost'), /CHECK/);
    db.close();
  }));

test('migration 10 (tray page originals) upgrades a version-9 database: existing tray pages stay, unedited', () =>
  withFile((file) => {
    const v9 = new Database(file);
    migrate(v9, MIGRATIONS.slice(0, 9));
    v9.exec("INSERT INTO users (id, username, full_name, password_hash, created_at) VALUES ('u1', 'clerk', 'Clerk', 'x', '2026')");
    v9.exec(`INSERT INTO capture_pages (id, user_id, position, sha256, width, height, resolution, device, scanned_at)
      VALUES ('p1', 'u1', 1, 'abc', 10, 10, 300, 'sane:test:0', '2026')`);
    v9.close();
    const db = openDatabase(file);
    assert.equal(schemaVersion(db), LATEST_VERSION);
    assert.deepEqual(db.prepare('SELECT sha256, original_sha256 FROM capture_pages').all(), [{ sha256: 'abc', original_sha256: null }]);
    db.close();
  }));

test('migration 11 (hot-folder baseline) upgrades a version-10 database: a folder chosen before has no files set aside', () =>
  withFile((file) => {
    const v10 = new Database(file);
    migrate(v10, MIGRATIONS.slice(0, 10));
    v10.exec("INSERT INTO users (id, username, full_name, password_hash, created_at) VALUES ('u1', 'clerk', 'Clerk', 'x', '2026')");
    v10.exec("INSERT INTO hot_folders (user_id, path, added_at) VALUES ('u1', '/srv/scans/clerk', '2026')");
    v10.close();
    const db = openDatabase(file);
    assert.deepEqual(db.prepare('SELECT path, existing_json FROM hot_folders').all(), [{ path: '/srv/scans/clerk', existing_json: '{}' }]);
    db.close();
  }));

test('migration 12 (audit chain) chains the entries a version-11 database has and vouches for its rows; later edits show', () =>
  withFile((file) => {
    const v11 = new Database(file);
    migrate(v11, MIGRATIONS.slice(0, 11));
    v11.exec(`
      INSERT INTO users (id, username, full_name, password_hash, created_at) VALUES ('u1', 'head', 'Head', 'x', '2026');
      INSERT INTO user_roles (user_id, role) VALUES ('u1', 'head');
      INSERT INTO settings (key, value) VALUES ('crl.stale-rule', 'block');
      INSERT INTO events (id, at, actor_id, entity, entity_id, type, payload) VALUES ('e1', '2026-01-01', 'u1', 'user', 'u1', 'user.created', '{}');
      INSERT INTO events (id, at, actor_id, entity, entity_id, type, payload) VALUES ('e2', '2026-01-02', 'u1', 'user', 'u1', 'user.login', '{}');
    `);
    v11.close();
    const db = openDatabase(file);
    assert.deepEqual(db.prepare('SELECT id, seq, type FROM events ORDER BY seq').all(), [
      { id: 'e1', seq: 1, type: 'user.created' },
      { id: 'e2', seq: 2, type: 'user.login' },
      { id: (db.prepare('SELECT id FROM events WHERE seq = 3').get() as { id: string }).id, seq: 3, type: 'audit.baseline' },
    ]);
    assert.equal(verifyAudit(db).ok, true, JSON.stringify(verifyAudit(db)));
    new Database(file).prepare("UPDATE users SET full_name = 'Someone Else' WHERE id = 'u1'").run();
    assert.deepEqual(verifyAudit(db).rows, [{ table: 'users', key: '["u1"]', problem: 'changed-outside-the-app' }]);
    db.close();
  }));

test('migration 13 (event destinations) marks the registry\'s share of a version-12 database\'s events as its outbox; the chain still verifies', () =>
  withFile((file) => {
    const v12 = new Database(file);
    migrate(v12, MIGRATIONS.slice(0, 12));
    v12.close();
    const chained = new Database(file);
    for (const [id, type] of [['e1', 'application.registered'], ['e2', 'checklist.set'], ['e3', 'licence.issued']] as const) {
      const last = chained.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
      insertEntry(chained, { seq: last.seq + 1, prevHash: last.hash, id, at: '2026-01-01', actorId: null, entity: 'application', entityId: 'a1', type, payload: '{}', writes: [] });
    }
    chained.close();
    const db = openDatabase(file);
    assert.deepEqual(db.prepare('SELECT id, to_registry FROM events WHERE id LIKE \'e%\' ORDER BY seq').all(), [
      { id: 'e1', to_registry: 1 },
      { id: 'e2', to_registry: 0 },
      { id: 'e3', to_registry: 1 },
    ]);
    assert.deepEqual(
      db.prepare('SELECT id FROM events WHERE to_registry = 1 AND synced_at IS NULL ORDER BY seq').all(),
      [{ id: 'e1' }, { id: 'e3' }],
    );
    assert.ok((db.prepare("SELECT sql FROM sqlite_master WHERE name = 'events_outbox'").get() as { sql: string }).sql.includes('to_registry = 1'));
    assert.throws(() => db.prepare("UPDATE events SET to_registry = 2 WHERE id = 'e1'").run(), /CHECK/);
    assert.equal(verifyAudit(db).ok, true, JSON.stringify(verifyAudit(db)));
    db.close();
  }));

test('migration 14 (jobs) upgrades a version-13 database with an empty job table; a key is unique in its queue, attempts never negative', () =>
  withFile((file) => {
    const v13 = new Database(file);
    migrate(v13, MIGRATIONS.slice(0, 13));
    v13.close();
    const db = openDatabase(file);
    assert.deepEqual(db.prepare('SELECT * FROM jobs').all(), []);
    const add = db.prepare("INSERT INTO jobs (id, queue, key, data, attempts, run_after, created_at) VALUES (?, 'document-ocr', ?, '{}', ?, 0, '2026')");
    add.run('j1', 'd1', 0);
    add.run('j2', null, 0);
    add.run('j3', null, 0);
    assert.throws(() => add.run('j4', 'd1', 0), /UNIQUE/);
    assert.throws(() => add.run('j5', 'd2', -1), /CHECK/);
    db.close();
  }));

test('migration 15 (sync) puts a version-14 database\'s registry events into the outbox in their order, the registration carrying what the registry needs', () =>
  withFile((file) => {
    const v14 = new Database(file);
    migrate(v14, MIGRATIONS.slice(0, 14));
    v14.prepare("INSERT INTO users (id, username, full_name, password_hash, created_at) VALUES ('u1', 'clerk', 'Clerk', 'x', '2026')").run();
    v14.prepare(
      `INSERT INTO applications (id, service_code, procedure, catalogue_version, applicant_kind, applicant_idn, applicant_json, representation_json, status,
         created_at, created_by, updated_at) VALUES ('a1', 'scrap-metal', 'issue', '1', 'legal', '150840001234', ?, '{}', 'registered', '2026', 'u1', '2026')`,
    ).run(JSON.stringify({ kind: 'legal', idn: '150840001234', name: 'ТОО «Тест»', nameKk: '«Тест» ЖШС', address: 'Алматы' }));
    const payloads: Record<string, string> = {
      'application.registered': JSON.stringify({ journalNumber: 'ALM-2026-00001', dueDate: '2026-12-10', formSha256: 'a'.repeat(64), signerIin: null, warnings: [] }),
      'checklist.set': '{}',
      'licence.issued': JSON.stringify({ decisionId: 'd1', number: 'KZ26ALM00000001', pdfSha256: 'b'.repeat(64), warnings: [] }),
    };
    for (const [id, type] of [['e1', 'application.registered'], ['e2', 'checklist.set'], ['e3', 'licence.issued']] as const) {
      const last = v14.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
      insertEntry(v14, { seq: last.seq + 1, prevHash: last.hash, id, at: '2026-12-03T09:00:00.000Z', actorId: null, entity: 'application', entityId: 'a1', type, payload: payloads[type]!, writes: [] });
      v14.prepare('UPDATE events SET to_registry = ? WHERE id = ?').run(type === 'checklist.set' ? 0 : 1, id);
    }
    v14.close();
    const db = openDatabase(file);
    const rows = db.prepare('SELECT mutation_id, event_id, type, state, body FROM outbox ORDER BY mutation_id').all() as { mutation_id: number; event_id: string; type: string; state: string; body: string }[];
    assert.deepEqual(rows.map((r) => [r.mutation_id, r.event_id, r.state]), [[1, 'e1', 'waiting'], [2, 'e3', 'waiting']]);
    const registered = JSON.parse(rows[0]!.body) as { payload: Record<string, unknown>; applicationId: string };
    assert.equal(registered.applicationId, 'a1');
    assert.equal(registered.payload.serviceCode, 'scrap-metal');
    assert.equal(registered.payload.procedure, 'issue');
    assert.deepEqual(registered.payload.applicant, { kind: 'legal', idn: '150840001234', name: 'ТОО «Тест»', nameKk: '«Тест» ЖШС' });
    assert.equal((JSON.parse(rows[1]!.body) as { payload: { number: string } }).payload.number, 'KZ26ALM00000001');
    assert.throws(() => db.prepare("UPDATE outbox SET state = 'sent' WHERE mutation_id = 1").run(), /CHECK/);
    db.close();
  }));

test('migration 16 (reference data) upgrades a version-15 database: one catalogue or calendar year per key, JSON only', () =>
  withFile((file) => {
    const v15 = new Database(file);
    migrate(v15, MIGRATIONS.slice(0, 15));
    v15.close();
    const db = openDatabase(file);
    const insert = db.prepare("INSERT INTO reference_data (kind, key, body, received_at) VALUES (?, ?, ?, '2026-12-03')");
    insert.run('calendar', '2027', '{"year":2027,"daysOff":[],"workingWeekends":[]}');
    assert.throws(() => insert.run('calendar', '2027', '{}'), /UNIQUE|PRIMARY/);
    assert.throws(() => insert.run('crl', 'x', '{}'), /CHECK/);
    assert.throws(() => insert.run('catalogue', '2026-12-01', 'not json'), /CHECK/);
    db.close();
  }));

test('migration 17 (office directory) upgrades a version-16 database: a colleague elsewhere is one of its users, active or not', () =>
  withFile((file) => {
    const v16 = new Database(file);
    migrate(v16, MIGRATIONS.slice(0, 16));
    v16.prepare("INSERT INTO users (id, username, full_name, password_hash, disabled, created_at) VALUES ('u1', 'anna@desk', 'Анна', '!', 1, '2026')").run();
    v16.close();
    const db = openDatabase(file);
    const insert = db.prepare("INSERT INTO office_directory (user_id, username, desk_client_id, desk_name, active, updated_at) VALUES (?, 'anna', 'd1', 'Desk 1', ?, '2026')");
    insert.run('u1', 1);
    assert.throws(() => insert.run('nobody', 1), /FOREIGN KEY/);
    assert.throws(() => db.prepare("UPDATE office_directory SET active = 2 WHERE user_id = 'u1'").run(), /CHECK/);
    db.close();
  }));

test('migration 18 (office number blocks) upgrades a version-17 database: a block of journal or refusal numbers, its next within it', () =>
  withFile((file) => {
    const v17 = new Database(file);
    migrate(v17, MIGRATIONS.slice(0, 17));
    v17.close();
    const db = openDatabase(file);
    const insert = db.prepare("INSERT INTO office_number_blocks (lease_id, series, year, first, last, next, leased_at) VALUES (?, ?, '26', 11, 20, ?, '2026')");
    insert.run('l1', 'journal', 11);
    insert.run('l2', 'refusal', 21);
    assert.throws(() => insert.run('l3', 'licence', 11), /CHECK/);
    assert.throws(() => insert.run('l4', 'journal', 22), /CHECK/);
    db.close();
  }));

test('migration 19 (application steps) upgrades a version-18 database: one open step per application, gone with its draft', () =>
  withFile((file) => {
    const v18 = new Database(file);
    migrate(v18, MIGRATIONS.slice(0, 18));
    addOneApplication(v18, 'draft');
    v18.close();
    const db = openDatabase(file);
    const open = db.prepare("INSERT INTO application_steps (application_id, step, started_at, due_at, ended_at) VALUES ('a1', ?, '2026-12-03T09:00:00Z', '2026-12-03T09:30:00Z', ?)");
    open.run('register', null);
    assert.throws(() => open.run('assign', null), /UNIQUE/);
    assert.throws(() => open.run('lunch', '2026-12-03T09:10:00Z'), /CHECK/);
    assert.throws(() => open.run('assign', '2026-12-03T08:00:00Z'), /CHECK/);
    db.prepare("DELETE FROM applications WHERE id = 'a1'").run();
    assert.equal((db.prepare('SELECT count(*) AS n FROM application_steps').get() as { n: number }).n, 0);
    db.close();
  }));

test('migration 20 (handouts) upgrades a version-19 database: one hand-out per application, the survey whole or not at all', () =>
  withFile((file) => {
    const v19 = new Database(file);
    migrate(v19, MIGRATIONS.slice(0, 19));
    addOneApplication(v19, 'issued');
    v19.close();
    const db = openDatabase(file);
    const insert = db.prepare("INSERT INTO handouts (application_id, handed_at, recipient, recipient_idn, method, recorded_by, recorded_at) VALUES (?, '2026-12-03T10:00:00Z', 'Ахметов А.', ?, ?, 'u1', '2026-12-03T10:01:00Z')");
    assert.throws(() => insert.run('a1', '123', 'in-person'), /CHECK/);
    assert.throws(() => insert.run('a1', null, 'by-pigeon'), /CHECK/);
    assert.throws(() => insert.run('nobody', null, 'post'), /FOREIGN KEY/);
    insert.run('a1', '850101300123', 'representative');
    assert.throws(() => insert.run('a1', null, 'post'), /UNIQUE|PRIMARY/);
    assert.throws(() => db.prepare("UPDATE handouts SET survey_process = 'partly' WHERE application_id = 'a1'").run(), /CHECK/);
    db.prepare("UPDATE handouts SET survey_process = 'partly', survey_information = 'satisfied', survey_at = '2026-12-03T10:05:00Z' WHERE application_id = 'a1'").run();
    db.close();
  }));

test('migration 21 (consideration refusals) upgrades a version-20 database: one proposal per application, naming at least one missing document', () =>
  withFile((file) => {
    const v20 = new Database(file);
    migrate(v20, MIGRATIONS.slice(0, 20));
    addOneApplication(v20, 'ready-for-decision');
    v20.close();
    const db = openDatabase(file);
    const insert = db.prepare("INSERT INTO consideration_refusals (application_id, missing, reason, proposed_by, proposed_at, decision_id) VALUES ('a1', ?, ?, 'u1', '2026-12-03T10:00:00Z', ?)");
    assert.throws(() => insert.run('[]', 'нет квитанции', null), /CHECK/);
    assert.throws(() => insert.run('not json', 'нет квитанции', null), /CHECK/);
    assert.throws(() => insert.run('["fee-receipt"]', '', null), /CHECK/);
    assert.throws(() => insert.run('["fee-receipt"]', 'нет квитанции', 'no-such-decision'), /FOREIGN KEY/);
    insert.run('["fee-receipt"]', 'нет квитанции', null);
    assert.throws(() => insert.run('["fee-receipt"]', 'ещё раз', null), /UNIQUE|PRIMARY/);
    db.close();
  }));

test('migration 22 (journal indexes) upgrades a version-21 database: names already there are found, new ones too, a deleted draft is gone from the index', () =>
  withFile((file) => {
    const v21 = new Database(file);
    migrate(v21, MIGRATIONS.slice(0, 21));
    v21.prepare("INSERT INTO users (id, username, full_name, password_hash, disabled, created_at) VALUES ('u1', 'clerk', 'Анна', '!', 0, '2026')").run();
    const insert = (db: Database.Database, id: string, name: string, nameKk: string | null) =>
      db
        .prepare(
          `INSERT INTO applications (id, service_code, procedure, catalogue_version, applicant_kind, applicant_idn, applicant_json, representation_json, status, created_at, created_by, updated_at)
           VALUES (?, 'scrap-metal', 'issue', '2026-12-01', 'legal', '150840001234', ?, '{}', 'draft', '2026-12-03T09:00:00Z', 'u1', '2026-12-03T09:00:00Z')`,
        )
        .run(id, JSON.stringify({ name, nameKk }));
    insert(v21, 'a1', 'ТОО «Қарағанды Металл»', '«Қарағанды Металл» ЖШС');
    v21.close();
    const db = openDatabase(file);
    insert(db, 'a2', 'ТОО «Темір Жол Сервис»', null);
    const found = (query: string) =>
      (db.prepare('SELECT r.id FROM applicant_names n JOIN applicant_name_rows r ON r.k = n.rowid WHERE n.name MATCH ? ORDER BY r.id').all(query) as { id: string }[]).map((r) => r.id);
    assert.deepEqual(found('"қарағанды"*'), ['a1'], 'lower-cased, Kazakh letters as they are');
    assert.deepEqual(found('"темір"*'), ['a2']);
    assert.deepEqual(found('"тоо"*'), ['a1', 'a2']);
    db.prepare("UPDATE applications SET applicant_json = ? WHERE id = 'a2'").run(JSON.stringify({ name: 'ТОО «Жол»', nameKk: null }));
    assert.deepEqual(found('"темір"*'), []);
    db.prepare("DELETE FROM applications WHERE id = 'a1'").run();
    assert.deepEqual(found('"тоо"*'), ['a2']);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    assert.match(plan("SELECT id FROM applications WHERE status = 'issued' ORDER BY id DESC LIMIT 10"), /applications_status_id/);
    assert.match(plan("SELECT id FROM applications WHERE substr(coalesce(registered_at, created_at), 1, 4) = '2026' ORDER BY id DESC LIMIT 10"), /applications_year_id/);
    // Newest first by the name index itself, stopping at the page: no sort of every match.
    assert.doesNotMatch(plan("SELECT r.id FROM applicant_names n CROSS JOIN applicant_name_rows r ON r.k = n.rowid WHERE n.name MATCH 'тоо' ORDER BY n.rowid DESC LIMIT 10"), /TEMP B-TREE/);
    db.close();
  }));

test('migration 23 (audit indexes) upgrades a version-22 database: the audit screen’s filters read by index, newest first', () =>
  withFile((file) => {
    const v22 = new Database(file);
    migrate(v22, MIGRATIONS.slice(0, 22));
    v22.close();
    const db = openDatabase(file);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    assert.match(plan("SELECT seq FROM events WHERE actor_id = 'u1' ORDER BY seq DESC LIMIT 50"), /events_actor_seq/);
    assert.match(plan("SELECT seq FROM events WHERE entity_id = 'a1' ORDER BY seq DESC LIMIT 50"), /events_entity_seq/);
    assert.match(plan("SELECT seq FROM events WHERE type = 'user.login-failed' ORDER BY seq DESC LIMIT 50"), /events_type_seq/);
    db.close();
  }));

test('migration 24 (dashboard) upgrades a version-23 database: the months counted from what is there (in Kazakhstan time), then kept by triggers', () =>
  withFile((file) => {
    const v23 = new Database(file);
    migrate(v23, MIGRATIONS.slice(0, 23));
    v23.prepare("INSERT INTO users (id, username, full_name, password_hash, disabled, created_at) VALUES ('u1', 'head', 'Басшы', '!', 0, '2026')").run();
    const app = v23.prepare(
      `INSERT INTO applications (id, service_code, procedure, catalogue_version, applicant_kind, applicant_idn, applicant_json, representation_json, status, created_at, created_by, registered_at, executor_id, updated_at)
       VALUES (?, 'scrap-metal', 'issue', '2026-12-01', 'legal', '150840001234', '{}', '{}', ?, '2026-11-30T19:30:00Z', 'u1', ?, 'u1', '2026-11-30T19:30:00Z')`,
    );
    // 30 November 20:00 UTC is 1 December 01:00 in Kazakhstan.
    app.run('a1', 'issued', '2026-11-30T20:00:00.000Z');
    app.run('a2', 'draft', null);
    v23.prepare("INSERT INTO decisions (id, application_id, kind, number, reason, pdf_sha256, signed_at, signer_user_id, signer_name, signer_iin) VALUES ('d1', 'a1', 'licence', 'L1', '', 'x', '2026-12-02T05:00:00.000Z', 'u1', 'Басшы', '850101300124')").run();
    const step = v23.prepare('INSERT INTO application_steps (application_id, step, started_at, due_at, ended_at) VALUES (?, ?, ?, ?, ?)');
    step.run('a1', 'assign', '2026-12-01T04:00:00.000Z', '2026-12-01T08:00:00.000Z', '2026-12-01T10:00:00.000Z');
    step.run('a2', 'register', '2026-12-01T04:00:00.000Z', '2026-12-01T04:30:00.000Z', null);
    v23.prepare("INSERT INTO handouts (application_id, handed_at, recipient, method, recorded_by, recorded_at, survey_process, survey_information, survey_at) VALUES ('a1', '2026-12-03T05:00:00Z', 'А', 'in-person', 'u1', '2026-12-03T05:00:00Z', 'satisfied', 'partly', '2026-12-03T05:01:00Z')").run();
    v23.close();

    const db = openDatabase(file);
    const counts = () =>
      db.prepare('SELECT month, measure, executor_id AS executorId, n, late, taken_ms AS takenMs, allowed_ms AS allowedMs FROM monthly_counts ORDER BY measure').all();
    assert.deepEqual(counts(), [
      { month: '2026-12', measure: 'issued', executorId: 'u1', n: 1, late: 0, takenMs: 0, allowedMs: 0 },
      { month: '2026-12', measure: 'received', executorId: '', n: 1, late: 0, takenMs: 0, allowedMs: 0 },
      { month: '2026-12', measure: 'step:assign', executorId: 'u1', n: 1, late: 1, takenMs: 6 * 3600_000, allowedMs: 4 * 3600_000 },
      { month: '2026-12', measure: 'survey:information:partly', executorId: 'u1', n: 1, late: 0, takenMs: 0, allowedMs: 0 },
      { month: '2026-12', measure: 'survey:process:satisfied', executorId: 'u1', n: 1, late: 0, takenMs: 0, allowedMs: 0 },
    ]);
    // From now on the triggers count: a registration, a step ended in time.
    db.prepare("UPDATE applications SET registered_at = '2026-12-04T04:00:00.000Z', status = 'registered' WHERE id = 'a2'").run();
    db.prepare("UPDATE application_steps SET ended_at = '2026-12-01T04:20:00.000Z' WHERE application_id = 'a2'").run();
    db.prepare("UPDATE application_steps SET ended_at = '2026-12-09T04:20:00.000Z' WHERE application_id = 'a2'").run();
    const after = counts() as { measure: string; n: number; late: number }[];
    assert.equal(after.find((c) => c.measure === 'received')?.n, 2);
    assert.deepEqual(after.filter((c) => c.measure === 'step:register').map((c) => [c.n, c.late]), [[1, 0]], 'a step ends once');
    assert.equal(db.prepare("SELECT at_risk_at FROM application_steps WHERE application_id = 'a2'").pluck().get(), null, 'filled when the core starts');
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    assert.match(plan("SELECT application_id FROM decisions WHERE signed_at >= '2026-12' ORDER BY signed_at DESC"), /decisions_signed_at/);
    db.close();
  }));

test('migration 25 (original licence) upgrades a version-24 database: applications so far name none; a reissue’s original is found by index', () =>
  withFile((file) => {
    const v24 = new Database(file);
    migrate(v24, MIGRATIONS.slice(0, 24));
    v24.prepare("INSERT INTO users (id, username, full_name, password_hash, disabled, created_at) VALUES ('u1', 'clerk', 'Кеңсе', '!', 0, '2026')").run();
    v24.prepare(
      `INSERT INTO applications (id, service_code, procedure, catalogue_version, applicant_kind, applicant_idn, applicant_json, representation_json, status, created_at, created_by, updated_at)
       VALUES ('a1', 'scrap-metal', 'reissue', '2026-12-01', 'legal', '150840001234', '{}', '{}', 'draft', '2026-12-01T04:00:00Z', 'u1', '2026-12-01T04:00:00Z')`,
    ).run();
    v24.close();
    const db = openDatabase(file);
    assert.equal(db.prepare("SELECT original_number FROM applications WHERE id = 'a1'").pluck().get(), null);
    db.prepare("UPDATE applications SET original_number = 'KZ26KRG00000001' WHERE id = 'a1'").run();
    // INDEXED BY fails the statement unless the index can serve it (a one-row table is scanned otherwise).
    assert.equal(db.prepare("SELECT id FROM applications INDEXED BY applications_original WHERE original_number = 'KZ26KRG00000001'").pluck().get(), 'a1');
    db.close();
  }));

test('migration 26 (identity checks) upgrades a version-25 database: no application has one; a check is one per subject, rejected only with a reason, deleted with its draft', () =>
  withFile((file) => {
    const v25 = new Database(file);
    migrate(v25, MIGRATIONS.slice(0, 25));
    addOneApplication(v25, 'draft');
    v25.close();
    const db = openDatabase(file);
    assert.equal(db.prepare('SELECT count(*) FROM identity_checks').pluck().get(), 0);
    const enter = db.prepare("INSERT INTO identity_checks (application_id, subject, state, entered_because, entered_json, entered_at) VALUES ('a1', ?, 'pending', 'gateway-unreachable', '{}', '2026-12-04T04:00:00Z')");
    enter.run('applicant');
    assert.throws(() => enter.run('applicant'), /UNIQUE|PRIMARY/);
    assert.throws(() => enter.run('founder'), /CHECK/);
    assert.throws(() => db.prepare("UPDATE identity_checks SET state = 'rejected', checked_at = '2026-12-04T05:00:00Z' WHERE subject = 'applicant'").run(), /CHECK/, 'a rejection names its reason');
    db.prepare("UPDATE identity_checks SET state = 'rejected', rejected_because = 'not-found', checked_at = '2026-12-04T05:00:00Z' WHERE subject = 'applicant'").run();
    db.prepare("DELETE FROM applications WHERE id = 'a1'").run();
    assert.equal(db.prepare('SELECT count(*) FROM identity_checks').pluck().get(), 0);
    db.close();
  }));

test('migration 27 (checklist evidence) upgrades a version-26 database: one page per item, pages from 1, gone with its document', () =>
  withFile((file) => {
    const v26 = new Database(file);
    migrate(v26, MIGRATIONS.slice(0, 26));
    addOneApplication(v26, 'assigned');
    v26
      .prepare("INSERT INTO documents (id, application_id, slot_code, file_name, mime, size, sha256, pages, added_at, added_by) VALUES ('d1', 'a1', 'charter', 'устав.pdf', 'application/pdf', 10, ?, 3, '2026', 'u1')")
      .run('a'.repeat(64));
    v26.close();
    const db = openDatabase(file);
    assert.equal(db.prepare('SELECT count(*) FROM checklist_evidence').pluck().get(), 0);
    const point = db.prepare("INSERT INTO checklist_evidence (application_id, item_code, document_id, page, set_by, set_at) VALUES ('a1', ?, ?, ?, 'u1', '2026-12-04T10:00:00Z')");
    point.run('base', 'd1', 2);
    assert.throws(() => point.run('base', 'd1', 3), /UNIQUE|PRIMARY/);
    assert.throws(() => point.run('staff', 'd1', 0), /CHECK/);
    assert.throws(() => point.run('staff', 'no-such-document', 1), /FOREIGN KEY/);
    db.prepare("DELETE FROM documents WHERE id = 'd1'").run();
    assert.equal(db.prepare('SELECT count(*) FROM checklist_evidence').pluck().get(), 0);
    db.close();
  }));

test('migration 28 (licence drafts, decision previews) upgrades a version-27 database: a draft names a base and a list of sub-types; one preview per application', () =>
  withFile((file) => {
    const v27 = new Database(file);
    migrate(v27, MIGRATIONS.slice(0, 27));
    addOneApplication(v27, 'assigned');
    v27.close();
    const db = openDatabase(file);
    const draft = db.prepare("INSERT OR REPLACE INTO licence_drafts (application_id, subtypes_json, production_base, special_conditions, valid_until, saved_by, saved_at) VALUES ('a1', ?, ?, '', ?, 'u1', '2026-12-04')");
    assert.throws(() => draft.run('{}', 'Атырау', null), /CHECK/);
    assert.throws(() => draft.run('[0]', '  ', null), /CHECK/);
    assert.throws(() => draft.run('[0]', 'Атырау', '4.12.2027'), /CHECK/);
    draft.run('[0, 1]', 'Атырау қ., Өндіріс к-сі, 12', '2031-12-31');
    const preview = db.prepare("INSERT INTO decision_previews (application_id, kind, reason, number, record_id, prepared_at, prepared_by, signer_iin, qr, pdf_sha256) VALUES ('a1', ?, '', 'KZ26', ?, '2026-12-04', 'u1', '', 'qr', ?)");
    assert.throws(() => preview.run('permit', 'r1', 'a'.repeat(64)), /CHECK/);
    preview.run('licence', 'r1', 'a'.repeat(64));
    assert.throws(() => preview.run('licence', 'r2', 'a'.repeat(64)), /UNIQUE|PRIMARY/);
    db.prepare("DELETE FROM applications WHERE id = 'a1'").run();
    assert.equal(db.prepare('SELECT count(*) FROM licence_drafts').pluck().get(), 0);
    assert.equal(db.prepare('SELECT count(*) FROM decision_previews').pluck().get(), 0);
    db.close();
  }));

test('migration 29 (journal filters) upgrades a version-28 database: the filters and the deadline order are read through their indexes', () =>
  withFile((file) => {
    const v28 = new Database(file);
    migrate(v28, MIGRATIONS.slice(0, 28));
    addOneApplication(v28, 'assigned');
    v28.close();
    const db = openDatabase(file);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    assert.match(plan("SELECT id FROM applications WHERE service_code = 'scrap-metal' ORDER BY id DESC LIMIT 100"), /applications_service_id/);
    assert.match(plan("SELECT id FROM applications WHERE executor_id = 'u1' ORDER BY id DESC LIMIT 100"), /applications_executor_id/);
    assert.match(plan('SELECT id FROM applications WHERE due_date IS NOT NULL ORDER BY due_date, id LIMIT 100'), /applications_due_id/);
    // A narrow period among many applications (with statistics, as ANALYZE leaves them) is read through its index.
    const insert = db.prepare(
      `INSERT INTO applications (id, service_code, procedure, catalogue_version, applicant_kind, applicant_idn, applicant_json, representation_json, status, created_at, created_by, updated_at)
       VALUES (?, 'scrap-metal', 'issue', '2026-12-01', 'legal', '150840001234', '{}', '{}', 'draft', ?, 'u1', ?)`,
    );
    for (let day = 0; day < 400; day++) {
      const at = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString();
      insert.run(`b${day}`, at, at);
    }
    db.exec('ANALYZE');
    assert.match(plan("SELECT id FROM applications WHERE coalesce(registered_at, created_at) >= '2026-01-01' AND coalesce(registered_at, created_at) < '2026-01-08'"), /applications_entered_at/);
    db.close();
  }));

test('migration 30 (decisions elsewhere) upgrades a version-29 database: one decision to fetch per application, by a digest, gone with its application', () =>
  withFile((file) => {
    const v29 = new Database(file);
    migrate(v29, MIGRATIONS.slice(0, 29));
    addOneApplication(v29, 'issued');
    v29.close();
    const db = openDatabase(file);
    const put = db.prepare("INSERT INTO decisions_to_fetch (application_id, decision_id, number, pdf_sha256, signed_at_desk, received_at) VALUES ('a1', ?, 'KZ26UAA00000001', ?, 'c2', '2026-12-08')");
    assert.throws(() => put.run('d1', 'A'.repeat(64)), /CHECK/, 'a digest is lower-case hex');
    assert.throws(() => put.run('d1', 'a'.repeat(63)), /CHECK/);
    put.run('d1', 'a'.repeat(64));
    assert.throws(() => put.run('d2', 'b'.repeat(64)), /UNIQUE|PRIMARY/, 'one decision per application');
    db.prepare("DELETE FROM applications WHERE id = 'a1'").run();
    assert.equal(db.prepare('SELECT count(*) FROM decisions_to_fetch').pluck().get(), 0);
    // Each command is marked once it comes back from the registry.
    assert.ok((db.prepare('PRAGMA table_info(outbox)').all() as { name: string }[]).some((c) => c.name === 'echoed_at'));
    db.close();
  }));
