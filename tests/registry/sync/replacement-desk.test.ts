import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_AUTHORITY } from '../../../main/demo/seed';
import { enrolDesk, openEnrolment } from '../../../main/sync/enrol';
import { syncRound } from '../../../main/sync/round';
import { registryTransport } from '../../../main/sync/transport';
import { issueEnrolmentCode, revokeDesk } from '../../../registry/enrolment/enrolment';
import { officeReport } from '../../../registry/public/report';
import { runCli } from '../../../main/cli/index';
import { startTestCore, type TestCore } from '../../support/core';
import { REGISTRY_BACKENDS, startTestRegistry, trustRootPem } from '../../support/registry';
import { registeredApplication } from '../../support/workflow';

const round = (t: TestCore) => {
  const enrolment = openEnrolment(t.core.ctx)!;
  const transport = registryTransport(enrolment.registryUrl, enrolment);
  return syncRound(t.core.ctx, transport, enrolment, { leaseSize: 10 }).finally(() => transport.close());
};

const backend = REGISTRY_BACKENDS.at(-1)!;

test(`[${backend}] replacement drill: a desk's folder is lost mid-week; a new desk enrolled for the office gets its work back, documents and all`, async () => {
  const [lost, registry] = await Promise.all([startTestCore(), startTestRegistry(backend)]);
  let replacement: TestCore | null = null;
  try {
    await trustRootPem(registry.db, lost.pki.rootPem);
    const office = { authorityBin: DEMO_AUTHORITY.bin, officeCode: DEMO_AUTHORITY.officeCode };
    const old = await enrolDesk(lost.core.ctx, { registryUrl: registry.url, code: (await issueEnrolmentCode(registry.db, office, new Date())).code, deskName: 'clerk desk' });
    const clerk = await lost.as('clerk');
    const registered = [await registeredApplication(lost, clerk), await registeredApplication(lost, clerk)];
    assert.equal((await round(lost)).accepted, 2);
    // The disk dies: the folder is gone. The operator withdraws the old desk and issues a code for a new one.
    await lost.close();
    assert.equal(await revokeDesk(registry.db, old.clientId, new Date()), true);

    replacement = await startTestCore();
    await enrolDesk(replacement.core.ctx, { registryUrl: registry.url, code: (await issueEnrolmentCode(registry.db, office, new Date())).code, deskName: 'clerk desk (new)' });
    const pulled = await round(replacement);
    assert.ok(pulled.pulled >= 2, JSON.stringify(pulled));
    // Before anyone opens them, the documents are not here yet: that is no fault of the store.
    const out: string[] = [];
    const checked = await runCli(['db', 'check'], { out: (line) => out.push(line), err: () => undefined, env: { ...process.env, AJO_DATA_DIR: replacement.dataDir } });
    const report = JSON.parse(out[0]!) as { ok: boolean; notFetchedYet: number; store: unknown[] };
    assert.equal(checked, 0, out[0]);
    assert.deepEqual([report.ok, report.store], [true, []]);
    assert.ok(report.notFetchedYet >= 4, 'two documents and a signed form for each application');
    const head = await replacement.as('head');
    for (const app of registered) {
      const back = await head['applications.get']({ id: app.id });
      assert.equal(back.journalNumber, app.journalNumber);
      assert.equal(back.status, 'registered');
      const documentId = back.slots.flatMap((s) => s.documents)[0]!.id;
      const content = await head['documents.content']({ documentId });
      assert.ok(Buffer.from(content.contentBase64, 'base64').subarray(0, 5).equals(Buffer.from('%PDF-')), 'its documents fetched from the registry');
    }
    // What the registry last heard from the old desk: anything it did after that is re-entered from paper.
    const [officeState] = (await officeReport(registry.db)).filter((o) => o.officeCode === office.officeCode);
    const gone = officeState!.deskStates.find((d) => d.clientId === old.clientId)!;
    assert.equal(gone.revoked, true);
    assert.ok(gone.lastSeenAt);
    assert.equal(gone.lastMutationId, 2);
  } finally {
    await replacement?.close();
    await registry.close();
  }
});
