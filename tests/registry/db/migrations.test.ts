import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { openRegistryDb } from '../../../registry/db/open';
import { REGISTRY_SCHEMA_VERSION, RegistryDatabaseTooNew } from '../../../registry/db/migrations';
import { openPglite } from '../../../registry/db/pglite';
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
}

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
