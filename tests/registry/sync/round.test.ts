import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { issueEnrolmentCode } from '../../../registry/enrolment/enrolment';
import { setLicenceStatus } from '../../../registry/licences/licence-status';
import { enrolDesk } from '../../../main/sync/enrol';
import { RECENT_ERRORS, syncRound } from '../../../main/sync/round';
import { openEnrolment } from '../../../main/sync/enrol';
import { syncStatus } from '../../../main/sync/status';
import { registryTransport } from '../../../main/sync/transport';
import { commandsOf } from '../../../db/repositories/outbox';
import { DEMO_AUTHORITY } from '../../../main/demo/seed';
import { startTestCore, type TestCore } from '../../support/core';
import { headKey, readyForDecision } from '../../support/workflow';
import { REGISTRY_BACKENDS, startTestRegistry, trustRootPem } from '../../support/registry';

for (const backend of REGISTRY_BACKENDS) {
  let t: TestCore;
  let registry: Awaited<ReturnType<typeof startTestRegistry>>;
  const round = () => {
    const enrolment = openEnrolment(t.core.ctx)!;
    const transport = registryTransport(enrolment.registryUrl, enrolment);
    return syncRound(t.core.ctx, transport, enrolment, { leaseSize: 10 }).finally(() => transport.close());
  };

  before(async () => {
    [t, registry] = await Promise.all([startTestCore(), startTestRegistry(backend)]);
    await trustRootPem(registry.db, t.pki.rootPem);
  });
  after(async () => {
    await t?.close();
    await registry?.close();
  });

  test(`[${backend}] a desk enrols, leases numbers, and its registered and signed work reaches the registry once`, async () => {
    const { code } = await issueEnrolmentCode(registry.db, { authorityBin: DEMO_AUTHORITY.bin, officeCode: DEMO_AUTHORITY.officeCode }, new Date());
    await enrolDesk(t.core.ctx, { registryUrl: registry.url, code, deskName: 'desk 1' });
    const first = await round();
    assert.equal(first.leased, 10);

    const { app, head } = await readyForDecision(t);
    const issued = await head['decisions.issueLicence']({ applicationId: app.id, ...headKey(t) });
    const number = issued.decision!.number;
    assert.match(number, /^KZ\d{2}[A-Z]{3}0000000[1-9]$/);

    const second = await round();
    assert.equal(second.waiting, 0);
    assert.equal(second.rejected, 0);
    assert.equal(second.accepted, 4, JSON.stringify(second));
    assert.equal(second.filesUploaded, 4, 'two documents, the signed intake form and the licence');
    const commands = commandsOf(t.core.ctx.db, app.id);
    assert.deepEqual(commands.map((c) => c.state), ['accepted', 'accepted', 'accepted', 'accepted']);
    assert.match(commands[0]!.registryNumber!, /^\d{4}-[A-Z]{3}-\d{8}$/);

    const [licence] = await registry.db.query<{ status: string; holder_idn: string }>('SELECT status, holder_idn FROM licences WHERE number = $1', [number]);
    assert.equal(licence?.status, 'active');
    const check = await fetch(`${registry.publicUrl}/v1/public/licences/${number}`);
    assert.equal(check.status, 200);
    assert.equal(((await check.json()) as { status: string }).status, 'active');

    // A round with nothing new sends nothing and changes nothing.
    const third = await round();
    assert.equal(third.pushed, 0);
    const status = syncStatus(t.core.ctx);
    assert.equal(status.waiting, 0);
    assert.equal(status.accepted, 4);
    const [counts] = await registry.db.query<{ n: number }>('SELECT count(*)::int AS n FROM application_history');
    assert.equal(counts!.n, 4);

    // Revoked at the registry: the public check says so at once, and the desk learns it at its next round.
    assert.deepEqual(await setLicenceStatus(registry.db, number, 'revoked'), { number, from: 'active', to: 'revoked' });
    await assert.rejects(setLicenceStatus(registry.db, number, 'active'), /licence-status-not-allowed/);
    const revoked = await fetch(`${registry.publicUrl}/v1/public/licences/${number}`);
    assert.equal(((await revoked.json()) as { status: string }).status, 'revoked');
    assert.equal((await round()).pulled, 1);
    assert.equal(commands.length, 4);
    const seen = await (await t.as('head'))['applications.get']({ id: app.id });
    assert.equal(seen.sync.registryStatus, 'licence-revoked');
    // Its own steps, pulled back, did not move the application again.
    assert.equal(seen.status, 'issued');
    const moved = t.core.ctx.db.prepare("SELECT count(*) AS n FROM events WHERE type = 'application.synced'").get() as { n: number };
    assert.equal(moved.n, 0);
  });

  test(`[${backend}] failed rounds are kept for the administrator, newest first and a few at most; a good round ends the outage but not the record`, async () => {
    const enrolment = openEnrolment(t.core.ctx)!;
    for (let i = 0; i < RECENT_ERRORS + 2; i++) {
      const nowhere = registryTransport('https://127.0.0.1:9', enrolment, { timeoutMs: 2_000 });
      await assert.rejects(syncRound(t.core.ctx, nowhere, enrolment, { leaseSize: 10 }).finally(() => nowhere.close()));
    }
    const down = syncStatus(t.core.ctx);
    assert.equal(down.online, false);
    assert.equal(down.recentErrors.length, RECENT_ERRORS);
    assert.match(down.recentErrors[0]!.message, /ECONNREFUSED/);
    assert.ok(down.recentErrors[0]!.at >= down.recentErrors.at(-1)!.at);
    await round();
    const up = syncStatus(t.core.ctx);
    assert.deepEqual([up.online, up.lastError, up.recentErrors.length], [true, null, RECENT_ERRORS]);
  });
}
