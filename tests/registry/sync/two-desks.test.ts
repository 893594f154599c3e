import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { issueEnrolmentCode } from '../../../registry/enrolment/enrolment';
import { enrolDesk } from '../../../main/sync/enrol';
import { syncRound } from '../../../main/sync/round';
import { registryTransport } from '../../../main/sync/transport';
import { getEnrolment } from '../../../db/repositories/registry-link';
import { DEMO_AUTHORITY } from '../../../main/demo/seed';
import { startTestCore, type TestCore } from '../../support/core';
import { headKey, registeredApplication } from '../../support/workflow';
import { REGISTRY_BACKENDS, startTestRegistry, trustRootPem } from '../../support/registry';

const backend = REGISTRY_BACKENDS.at(-1)!;
let desk1: TestCore;
let desk2: TestCore;
let registry: Awaited<ReturnType<typeof startTestRegistry>>;

const round = (t: TestCore) => {
  const enrolment = getEnrolment(t.core.ctx.db)!;
  const transport = registryTransport(enrolment.registryUrl, enrolment);
  return syncRound(t.core.ctx, transport, enrolment, { leaseSize: 10 }).finally(() => transport.close());
};

before(async () => {
  [desk1, desk2, registry] = await Promise.all([startTestCore(), startTestCore(), startTestRegistry(backend)]);
  for (const t of [desk1, desk2]) {
    await trustRootPem(registry.db, t.pki.rootPem);
    const { code } = await issueEnrolmentCode(registry.db, { authorityBin: DEMO_AUTHORITY.bin, officeCode: DEMO_AUTHORITY.officeCode }, new Date());
    await enrolDesk(t.core.ctx, { registryUrl: registry.url, code, deskName: t === desk1 ? 'clerk desk' : 'head desk' });
  }
});
after(async () => {
  await desk1?.close();
  await desk2?.close();
  await registry?.close();
});

test(`[${backend}] two desks of one office: the clerk registers on desk 1, the head assigns, the executor checks and the head signs on desk 2; desk 1 follows`, async () => {
  const app = await registeredApplication(desk1, await desk1.as('clerk'));
  const up = await round(desk1);
  assert.equal(up.accepted, 1);
  assert.equal(up.filesUploaded, 3, 'two documents and the signed intake form');

  await round(desk2);
  const head = await desk2.as('head');
  const received = await head['applications.get']({ id: app.id });
  assert.equal(received.journalNumber, app.journalNumber);
  assert.equal(received.status, 'registered');
  assert.match(received.sync.registryNumber ?? '', /^\d{4}-[A-Z]{3}-\d{8}$/);
  // Its documents came from the registry when it was opened, whole.
  const documentId = received.slots.flatMap((s) => s.documents)[0]!.id;
  const content = await head['documents.content']({ documentId });
  assert.ok(Buffer.from(content.contentBase64, 'base64').subarray(0, 5).equals(Buffer.from('%PDF-')));

  const executor = (await head['users.list']({})).find((u) => u.username === 'executor')!;
  await head['applications.assign']({ id: app.id, executorId: executor.id });
  const executorClient = await desk2.as('executor');
  for (const item of received.checklist) await executorClient['checklist.set']({ applicationId: app.id, itemCode: item.code, met: true, note: '' });
  await executorClient['applications.submitForDecision']({ id: app.id });
  const issued = await head['decisions.issueLicence']({ applicationId: app.id, ...headKey(desk2) });
  const down = await round(desk2);
  assert.equal(down.rejected, 0, JSON.stringify(down));
  assert.equal(down.waiting, 0);

  await round(desk1);
  const followed = await (await desk1.as('clerk'))['applications.get']({ id: app.id });
  assert.equal(followed.status, 'issued');
  const check = await fetch(`${registry.publicUrl}/v1/public/licences/${issued.decision!.number}`);
  assert.equal(((await check.json()) as { status: string }).status, 'active');
});
