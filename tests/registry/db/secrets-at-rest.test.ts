import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openRegistryDb } from '../../../registry/db/open';
import { startRegistryServer } from '../../../registry/server/http';
import { registryCa } from '../../../registry/enrolment/ca';
import { SealKeyError, sealerOf } from '../../../pki/sealing';
import { enrolTestDesk } from '../../support/registry-desk';
import { CAN_SWITCH_USER, everythingUnder, openToOthers, readableByNobody } from '../../support/other-user';
import { freshRegistryStorage, REGISTRY_BACKENDS } from '../../support/registry';

for (const backend of REGISTRY_BACKENDS) {
  test(`[${backend}] finding 3: the registry's CA key is sealed in its database under the operator's key; its folder is its user's alone`, async () => {
    const storage = await freshRegistryStorage(backend);
    try {
      const db = await openRegistryDb(storage.storage);
      const server = await startRegistryServer({ db, port: 0 });
      await enrolTestDesk(db, { authorityBin: '000140000028', officeCode: 'ALM' });
      await server.close();
      const [row] = await db.query<{ private_key_pem: string }>('SELECT private_key_pem FROM registry_ca');
      assert.match(row!.private_key_pem, /^sealed:aes-256-gcm:/);
      assert.doesNotMatch(row!.private_key_pem, /PRIVATE KEY/);
      await db.close();
      // Nothing the database wrote holds the key in the clear: not a table file, not the WAL.
      if (backend === 'pglite') {
        for (const file of everythingUnder(join(storage.storage.dataDir, 'pgdata')).filter((p) => statSync(p).isFile())) {
          assert.ok(!readFileSync(file).includes('PRIVATE KEY-----'), `${file} holds a private key in the clear`);
        }
      }
      assert.deepEqual(openToOthers(storage.storage.dataDir), [], 'every folder 0700, every file 0600');
      assert.equal(statSync(join(storage.storage.dataDir, 'registry.key')).mode & 0o777, 0o600);
      if (CAN_SWITCH_USER) {
        const readable = readableByNobody(everythingUnder(storage.storage.dataDir));
        assert.deepEqual(readable, [], 'nobody reads nothing of the registry’s folder');
      }
      // Another key does not open the CA: the registry refuses to start rather than make a second one.
      const wrongKey = await openRegistryDb({ ...storage.storage, keyBase64: Buffer.alloc(32, 7).toString('base64') });
      await assert.rejects(registryCa(wrongKey, wrongKey.sealer, new Date()), SealKeyError);
      await wrongKey.close();
    } finally {
      await storage.remove();
    }
  });
}

test('finding 9: another OS user running ajo registry on the registry’s folder is told so, without a stack trace', { skip: !CAN_SWITCH_USER && 'not run as root: no other user to be' }, async () => {
  const storage = await freshRegistryStorage('pglite');
  try {
    const db = await openRegistryDb(storage.storage);
    await db.close();
    const ajo = fileURLToPath(new URL('../../../bin/ajo.mjs', import.meta.url));
    const run = spawnSync('runuser', ['-u', 'nobody', '--', 'env', 'HOME=/tmp', process.execPath, ajo, 'registry', 'report', '--data-dir', storage.storage.dataDir], { encoding: 'utf8', cwd: '/tmp' });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /^ajo registry: .*(not this user|is not this user’s)/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  } finally {
    await storage.remove();
  }
});

test('a key of the wrong length is refused', () => {
  assert.throws(() => sealerOf(Buffer.alloc(16)), SealKeyError);
});
