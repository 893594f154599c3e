import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createClient, memorySession } from '../../../domain/api/client';
import { createCore, type Core } from '../../../main/core';
import { DEMO_AUTHORITY } from '../../../main/demo/seed';
import { backupDesk, BackupError, restoreDesk } from '../../../main/services/backup';
import { enrolDesk, openEnrolment } from '../../../main/sync/enrol';
import { syncRound } from '../../../main/sync/round';
import { syncStatus } from '../../../main/sync/status';
import { registryTransport, RegistryRefused } from '../../../main/sync/transport';
import { issueEnrolmentCode } from '../../../registry/enrolment/enrolment';
import { officeReport } from '../../../registry/public/report';
import { startTestCore, type TestCore } from '../../support/core';
import { REGISTRY_BACKENDS, startTestRegistry, trustRootPem } from '../../support/registry';
import { headKey, readyForDecision } from '../../support/workflow';
import { tempDir } from '../../support/temp';

const round = (core: Core) => {
  const enrolment = openEnrolment(core.ctx)!;
  const transport = registryTransport(enrolment.registryUrl, enrolment);
  return syncRound(core.ctx, transport, enrolment, { leaseSize: 10 }).finally(() => transport.close());
};

/** The same test office, worked through another core (a desk restored onto a new disk). */
function sameOfficeOn(t: TestCore, core: Core): TestCore {
  const client = () => createClient((envelope) => core.dispatch(envelope), memorySession());
  return {
    ...t,
    core,
    client,
    async as(username) {
      const c = client();
      await c['auth.login']({ username, password: 'demo-password' });
      return c;
    },
  };
}

async function issue(t: TestCore): Promise<string> {
  const { app, head } = await readyForDecision(t);
  return (await head['decisions.issueLicence']({ applicationId: app.id, ...headKey(t) })).decision!.number;
}

for (const backend of REGISTRY_BACKENDS) {
  test(`[${backend}] restore drill: back up, work on, restore — the registry says "diverged", enrolling again recovers, the registry and the desk agree, no number used twice`, async () => {
    const [t, registry] = await Promise.all([startTestCore(), startTestRegistry(backend)]);
    const backup = tempDir('ajo-backup-');
    const newDisk = tempDir('ajo-restored-');
    let restored: Core | null = null;
    try {
      await trustRootPem(registry.db, t.pki.rootPem);
      const office = { authorityBin: DEMO_AUTHORITY.bin, officeCode: DEMO_AUTHORITY.officeCode };
      await enrolDesk(t.core.ctx, { registryUrl: registry.url, code: (await issueEnrolmentCode(registry.db, office, new Date())).code, deskName: 'desk 1' });
      await round(t.core);
      const first = await issue(t);
      assert.equal((await round(t.core)).rejected, 0);

      const passphrase = 'correct horse battery staple';
      const taken = await backupDesk({ db: t.core.ctx.db, dataDir: t.dataDir, now: t.core.ctx.now, secrets: t.core.ctx.secrets }, backup.path, passphrase);
      assert.ok(taken.files > 0 && taken.newFiles === taken.files);
      const again = await backupDesk({ db: t.core.ctx.db, dataDir: t.dataDir, now: t.core.ctx.now, secrets: t.core.ctx.secrets }, backup.path, passphrase);
      assert.equal(again.newFiles, 0, 'a second backup to the same folder writes only what is new');
      assert.ok(!readdirSync(backup.path).some((f) => f.endsWith('.sqlite')), 'no plain database on the backup medium');

      // The desk works on after the backup, and its work reaches the registry: then its disk dies.
      const second = await issue(t);
      assert.equal((await round(t.core)).rejected, 0);

      await assert.rejects(restoreDesk(backup.path, newDisk.path, 'wrong passphrase'), (e: unknown) => e instanceof BackupError && e.code === 'passphrase-wrong');
      await assert.rejects(restoreDesk(backup.path, t.dataDir, passphrase), (e: unknown) => e instanceof BackupError && e.code === 'restore-target-in-use');
      const report = await restoreDesk(backup.path, newDisk.path, passphrase);
      assert.equal(report.files, taken.files);
      restored = createCore({ dataDir: newDisk.path, gatewayUrl: t.simulators.url, resumeBackgroundWork: false });
      const desk = sameOfficeOn(t, restored);
      assert.equal(syncStatus(restored.ctx).licenceNumbersLeft, 0, 'the blocks of the backup are closed: their numbers may be spent');

      // New work on the restored desk: it leases fresh numbers, signs, and on pushing is told it has diverged.
      await round(restored);
      const third = await issue(desk);
      assert.notEqual(third, second);
      await assert.rejects(round(restored), (e: unknown) => e instanceof RegistryRefused && e.code === 'desk-diverged');
      assert.ok(syncStatus(restored.ctx).diverged, 'the desk shows it has diverged');
      assert.equal(syncStatus(restored.ctx).waiting > 0, true);

      // Its administrator enrols it again with a new code: its waiting work goes on after the registry's last.
      await enrolDesk(restored.ctx, { registryUrl: registry.url, code: (await issueEnrolmentCode(registry.db, office, new Date())).code, deskName: 'desk 1' });
      assert.equal(syncStatus(restored.ctx).diverged, null);
      const recovered = await round(restored);
      assert.equal(recovered.waiting, 0);
      assert.equal(recovered.rejected, 0, JSON.stringify(recovered));

      const numbers = await registry.db.query<{ number: string }>('SELECT number FROM licences ORDER BY number');
      assert.deepEqual(numbers.map((n) => n.number), [first, second, third].sort());
      const [row] = await officeReport(registry.db);
      const desks = await registry.db.query<{ last_mutation_id: number }>('SELECT last_mutation_id FROM desks');
      const localLast = (restored.ctx.db.prepare('SELECT max(mutation_id) AS id FROM outbox').get() as { id: number }).id;
      assert.equal(desks[0]!.last_mutation_id, localLast, 'the registry and the restored desk agree on its last command');
      assert.equal(row!.licences, 3);
      const local = restored.ctx.db.prepare("SELECT count(*) AS n FROM decisions WHERE kind = 'licence'").get() as { n: number };
      assert.equal(local.n, 2, 'the restored desk has the licence from before the backup and its own new one');
    } finally {
      await restored?.close();
      backup.remove();
      newDisk.remove();
      await t.close();
      await registry.close();
    }
  });
}

test('a backup folder holds no readable database: sealed under the passphrase', async () => {
  const t = await startTestCore();
  const backup = tempDir('ajo-backup-');
  try {
    await backupDesk({ db: t.core.ctx.db, dataDir: t.dataDir, now: t.core.ctx.now, secrets: t.core.ctx.secrets }, backup.path, 'passphrase');
    const { readFileSync } = await import('node:fs');
    assert.ok(!readFileSync(join(backup.path, 'database.enc')).includes('SQLite format'));
    await assert.rejects(backupDesk({ db: t.core.ctx.db, dataDir: t.dataDir, now: t.core.ctx.now, secrets: t.core.ctx.secrets }, backup.path, 'another'), (e: unknown) => e instanceof BackupError && e.code === 'passphrase-wrong');
  } finally {
    backup.remove();
    await t.close();
  }
});
