import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { openRegistryDb } from '../../../registry/db/open';
import { migrate, MIGRATIONS, REGISTRY_SCHEMA_VERSION, RegistryDatabaseTooNew } from '../../../registry/db/migrations';
import { openPostgres } from '../../../registry/db/postgres';
import { pullChanges } from '../../../registry/sync/pull';
import { createTestPki } from '../../support/pki';
import { enrolTestDesk } from '../../support/registry-desk';
import { openPglite } from '../../../registry/db/pglite';
import { registryCa } from '../../../registry/enrolment/ca';
import { createRegistryCa } from '../../../pki/tls/registry-ca';

const createRegistryCaPair = () => createRegistryCa(new Date());
import { FolderLocked } from '../../../registry/db/folder-lock';
import { freshRegistryStorage, REGISTRY_BACKENDS } from '../../support/registry';

for (const backend of REGISTRY_BACKENDS) {
  test(`[${backend}] migrations record their versions once; a database a newer registry migrated is refused`, async () => {
    const storage = await freshRegistryStorage(backend);
    try {
      let db = await openRegistryDb(storage.storage);
      const versions = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      assert.deepEqual(versions.map((v) => v.version), Array.from({ length: REGISTRY_SCHEMA_VERSION }, (_, i) => i + 1));
      await db.close();
      db = await openRegistryDb(storage.storage);
      assert.equal((await db.query('SELECT version FROM schema_migrations')).length, REGISTRY_SCHEMA_VERSION);
      await db.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')");
      await db.close();
      await assert.rejects(openRegistryDb(storage.storage), RegistryDatabaseTooNew);
    } finally {
      await storage.remove();
    }
  });

  test(`[${backend}] migrations 3 and 4: a version-2 registry's trusted NCA roots published for every office, whole; office users belong to a desk`, async () => {
    const storage = await freshRegistryStorage(backend);
    try {
      const raw = storage.storage.databaseUrl ? openPostgres(storage.storage.databaseUrl) : await openPglite(storage.storage.dataDir);
      await migrate(raw, MIGRATIONS.slice(0, 2));
      const root = createTestPki().root.certificateDer;
      const sha256 = createHash('sha256').update(root).digest('hex');
      await raw.query('INSERT INTO trusted_roots (sha256, der) VALUES ($1, $2)', [sha256, root]);
      await raw.close();
      const db = await openRegistryDb(storage.storage);
      const { desk } = await enrolTestDesk(db, { authorityBin: '123456789012', officeCode: 'ALM' });
      const { changes } = await pullChanges(db, desk, 0);
      assert.equal(changes.length, 1);
      const [change] = changes;
      assert.equal(change?.kind, 'reference.certificate');
      assert.ok(change?.kind === 'reference.certificate' && Buffer.from(change.der, 'base64').equals(root), 'the DER in one line of base64, whole');
      assert.deepEqual(await db.query("SELECT kind, key FROM reference_data"), [{ kind: 'certificate', key: sha256 }]);
      // Migration 4 (office users): a desk's people, each of one desk only.
      await db.query("INSERT INTO office_users (user_id, client_id, username, full_name, roles, active) VALUES ('u1', $1, 'anna', 'Анна', '[\"executor\"]', true)", [desk.clientId]);
      await assert.rejects(db.query("INSERT INTO office_users (user_id, client_id, username, full_name, roles, active) VALUES ('u2', 'no-such-desk', 'x', 'x', '[]', true)"), /foreign key/);
      await db.close();
    } finally {
      await storage.remove();
    }
  });
}

test('migration 6 (licence duplicates) upgrades a version-5 registry: a duplicate names a licence there, by an identifier of its shape', async () => {
  const storage = await freshRegistryStorage('pglite');
  try {
    const raw = await openPglite(storage.storage.dataDir);
    await migrate(raw, MIGRATIONS.slice(0, 5));
    await raw.close();
    const db = await openRegistryDb(storage.storage);
    const insert = (number: string, licence: string) =>
      db.query(
        "INSERT INTO licence_duplicates (decision_id, number, licence_number, application_id, office_id, issued_at, pdf_sha256) VALUES ('d1', $1, $2, 'a1', 'o1', now(), 'x')",
        [number, licence],
      );
    await assert.rejects(insert('KZ26ABC00000001-X1', 'KZ26ABC00000001'), /check constraint/);
    await assert.rejects(insert('KZ26ABC00000001-D1', 'KZ26ABC00000001'), /foreign key/, 'the licence must be there');
    await db.close();
  } finally {
    await storage.remove();
  }
});

test('migration 7 (desk trust) upgrades a version-6 registry: each stored file belongs to its uploader’s authority; a CA key kept in the clear is sealed when read', async () => {
  const storage = await freshRegistryStorage('pglite');
  try {
    const raw = await openPglite(storage.storage.dataDir);
    await migrate(raw, MIGRATIONS.slice(0, 6));
    await raw.query("INSERT INTO offices (id, authority_bin, code, letters) VALUES ('o1', '000140000028', 'ALM', 'ALM')");
    await raw.query("INSERT INTO files (sha256, size, content, office_id) VALUES ($1, 1, 'x', 'o1')", ['c'.repeat(64)]);
    const plain = createRegistryCaPair();
    await raw.query('INSERT INTO registry_ca (id, certificate_pem, private_key_pem) VALUES (1, $1, $2)', [plain.certificatePem, plain.privateKeyPem]);
    await raw.close();
    const db = await openRegistryDb(storage.storage);
    assert.deepEqual(await db.query('SELECT sha256, authority_bin FROM file_owners'), [{ sha256: 'c'.repeat(64), authority_bin: '000140000028' }]);
    assert.equal((await registryCa(db, db.sealer, new Date())).privateKeyPem, plain.privateKeyPem);
    const [row] = await db.query<{ private_key_pem: string }>('SELECT private_key_pem FROM registry_ca');
    assert.match(row!.private_key_pem, /^sealed:/);
    await db.query("INSERT INTO operator_alarms (office_id, kind, detail) VALUES ('o1', 'lease-licence', 'x')");
    await db.close();
  } finally {
    await storage.remove();
  }
});

test('the embedded registry locks its folder: a second open, in this process or another, is refused; a dead holder is taken over', async () => {
  const storage = await freshRegistryStorage('pglite');
  const folder = storage.storage.dataDir;
  try {
    const db = await openPglite(folder);
    await assert.rejects(openPglite(folder), FolderLocked);
    const module = fileURLToPath(new URL('../../../registry/db/pglite.ts', import.meta.url));
    const script = `import(${JSON.stringify(module)}).then((m) => m.openPglite(${JSON.stringify(folder)})).then(() => process.exit(0), (e) => process.exit(/in use by another process/.test(e.message) ? 3 : 1));`;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: 'ignore' });
    assert.equal(await new Promise<number | null>((resolve) => child.on('exit', resolve)), 3);
    await db.close();
    // A holder killed without closing leaves its lock file behind: the next start takes it over.
    writeFileSync(`${folder}/registry.lock`, JSON.stringify({ pid: 2 ** 22 + 17, host: hostname() }));
    const again = await openPglite(folder);
    await again.close();
  } finally {
    await storage.remove();
  }
});
