import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { issueEnrolmentCode } from '../../../registry/enrolment/enrolment';
import { enrolDesk } from '../../../main/sync/enrol';
import { syncRound } from '../../../main/sync/round';
import { openEnrolment } from '../../../main/sync/enrol';
import { registryTransport } from '../../../main/sync/transport';
import { getEnrolment } from '../../../db/repositories/registry-link';
import { DEMO_AUTHORITY } from '../../../main/demo/seed';
import { startTestCore, type TestCore } from '../../support/core';
import { headKey, registeredApplication } from '../../support/workflow';
import { REGISTRY_BACKENDS, startTestRegistry, trustRootPem } from '../../support/registry';
import { verifyAudit } from '../../../db/audit/verify';
import { documentOcrOf } from '../../../db/repositories/document-text';
import { pdfText } from '../../support/verifiers';
import { checkStore } from '../../../main/services/store-check';

const backend = REGISTRY_BACKENDS.at(-1)!;
let desk1: TestCore;
let desk2: TestCore;
let desk3: TestCore;
let registry: Awaited<ReturnType<typeof startTestRegistry>>;

const round = (t: TestCore) => {
  const enrolment = openEnrolment(t.core.ctx)!;
  const transport = registryTransport(enrolment.registryUrl, enrolment);
  return syncRound(t.core.ctx, transport, enrolment, { leaseSize: 10 }).finally(() => transport.close());
};

before(async () => {
  [desk1, desk2, desk3, registry] = await Promise.all([startTestCore(), startTestCore(), startTestCore(), startTestRegistry(backend)]);
  for (const [t, deskName] of [[desk1, 'clerk desk'], [desk2, 'head desk'], [desk3, 'executor desk']] as const) {
    await trustRootPem(registry.db, t.pki.rootPem);
    const { code } = await issueEnrolmentCode(registry.db, { authorityBin: DEMO_AUTHORITY.bin, officeCode: DEMO_AUTHORITY.officeCode }, new Date());
    await enrolDesk(t.core.ctx, { registryUrl: registry.url, code, deskName });
  }
});
after(async () => {
  await desk1?.close();
  await desk2?.close();
  await desk3?.close();
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

  const executor = (await head['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!;
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

test(`[${backend}] three desks: the clerk registers on desk 1, the head on desk 2 gives it to the executor on desk 3, whose checklist reaches the head, who signs`, async () => {
  // Each desk tells the registry who works there; the others list them.
  for (const t of [desk1, desk3, desk2]) await round(t);
  const head = await desk2.as('head');
  const colleagues = (await head['users.list']({})).filter((u) => u.desk === 'executor desk');
  assert.deepEqual(colleagues.map((u) => u.username).sort(), ['admin', 'clerk', 'executor', 'head']);
  const executor = colleagues.find((u) => u.username === 'executor')!;
  assert.equal(executor.id, (await (await desk3.as('admin'))['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!.id, 'the same person, by id');
  await assert.rejects((await desk2.client())['auth.login']({ username: `executor@${getEnrolment(desk3.core.ctx.db)!.clientId}`, password: 'demo-password' }), { code: 'bad-credentials' });

  const app = await registeredApplication(desk1, await desk1.as('clerk'));
  await round(desk1);
  await round(desk2);
  await head['applications.assign']({ id: app.id, executorId: executor.id });
  assert.equal((await round(desk2)).rejected, 0);

  await round(desk3);
  const executorClient = await desk3.as('executor');
  const mine = await executorClient['applications.get']({ id: app.id });
  assert.equal(mine.status, 'assigned');
  assert.equal(mine.executorId, executor.id, 'given to the executor here');
  // Its scans came with it when opened, and are read here as if attached here.
  await desk3.core.ctx.ocr.idle();
  for (const d of mine.slots.flatMap((slot) => slot.documents)) assert.equal(documentOcrOf(desk3.core.ctx.db, d.id)?.status, 'done', d.fileName);
  // The completeness check, ended on desk 3, ends on the head's desk too: the step there is the examination.
  assert.equal(mine.step?.code, 'completeness');
  await executorClient['applications.confirmComplete']({ id: app.id });
  assert.equal((await round(desk3)).rejected, 0);
  await round(desk2);
  const examined = await head['applications.get']({ id: app.id });
  assert.equal(examined.step?.code, 'prepare');
  assert.equal(examined.step?.holderName, executor.fullName);
  for (const item of mine.checklist) await executorClient['checklist.set']({ applicationId: app.id, itemCode: item.code, met: true, note: `проверено: ${item.code}` });
  // The page the first answer rests on goes with it to the head.
  const evidence = { documentId: mine.slots.flatMap((slot) => slot.documents)[0]!.id, page: 1 };
  await executorClient['checklist.setEvidence']({ applicationId: app.id, itemCode: mine.checklist[0]!.code, evidence });
  const draft = { subtypes: [1], productionBase: 'Қарағанды қ., Зауыт к-сі, 7, №2 алаң', specialConditions: '', validUntil: null };
  await executorClient['decisions.saveDraft']({ applicationId: app.id, draft });
  await executorClient['applications.submitForDecision']({ id: app.id });
  assert.equal((await round(desk3)).rejected, 0);

  await round(desk2);
  const ready = await head['applications.get']({ id: app.id });
  assert.equal(ready.status, 'ready-for-decision');
  assert.ok(ready.checklist.length > 0);
  for (const item of ready.checklist) {
    assert.equal(item.met, true, item.code);
    assert.equal(item.note, `проверено: ${item.code}`);
  }
  assert.deepEqual(ready.checklist.map((item) => item.evidence), [evidence, ...ready.checklist.slice(1).map(() => null)]);
  // The executor's draft came with it: the head previews the licence it makes, and signs that.
  assert.deepEqual(ready.licenceDraft, draft);
  const preview = await head['decisions.preview']({ applicationId: app.id, kind: 'licence' });
  assert.match(await pdfText(Buffer.from(preview.contentBase64, 'base64')), /Қарағанды қ\., Зауыт к-сі, 7, №2 алаң/);
  const issued = await head['decisions.issueLicence']({ applicationId: app.id, ...headKey(desk2), previewSha256: preview.sha256 });
  assert.equal((await round(desk2)).rejected, 0);
  await round(desk3);
  assert.equal((await executorClient['applications.get']({ id: app.id })).status, 'issued');
  assert.match(issued.decision!.number, /^KZ\d{2}[A-Z]{3}\d{8}$/);

  // The clerk on desk 1 hands the licence out and records the survey; the head's desk sees the application closed.
  const clerk = await desk1.as('clerk');
  const pulled = await round(desk1);
  assert.equal(pulled.decisionsTaken, 1, 'the signed licence fetched with the round that learnt of it');
  const waiting = await clerk['applications.get']({ id: app.id });
  assert.equal(waiting.step?.code, 'hand-out');
  assert.equal(waiting.decisionElsewhere, null);
  assert.deepEqual(
    waiting.decision && { number: waiting.decision.number, kind: waiting.decision.kind, signerName: waiting.decision.signerName, signedAt: waiting.decision.signedAt },
    { number: issued.decision!.number, kind: 'licence', signerName: issued.decision!.signerName, signedAt: issued.decision!.signedAt },
  );
  // The very file signed on desk 2, for the clerk to print; and the store checks whole on desk 1.
  const printed = await clerk['decisions.pdf']({ decisionId: waiting.decision!.id });
  const signedThere = await head['decisions.pdf']({ decisionId: issued.decision!.id });
  assert.equal(printed.contentBase64, signedThere.contentBase64);
  assert.deepEqual(await checkStore(desk1.core.ctx), [], 'ajo db check passes on the clerk\'s desk');
  assert.ok((await clerk['applications.myWork']({})).some((a) => a.id === app.id), 'waiting on the clerks');
  await clerk['applications.handOut']({ id: app.id, handedAt: new Date().toISOString(), recipient: 'Ахметов Арман', recipientIdn: '850101300124', method: 'representative' });
  await clerk['applications.recordSurvey']({ id: app.id, process: 'satisfied', information: 'partly' });
  assert.equal((await round(desk1)).rejected, 0);
  await round(desk2);
  const closed = await head['applications.get']({ id: app.id });
  assert.equal(closed.step, null);
  assert.deepEqual(closed.handout && { recipient: closed.handout.recipient, method: closed.handout.method, survey: closed.handout.survey }, {
    recipient: 'Ахметов Арман',
    method: 'representative',
    survey: { process: 'satisfied', information: 'partly' },
  });
  assert.deepEqual(closed.steps.map((s) => s.code), ['assign', 'completeness', 'prepare', 'sign', 'hand-out'], 'every step, each ended');
  assert.ok(closed.steps.every((s) => s.endedAt !== null));
  assert.ok(verifyAudit(desk1.core.ctx.db).ok && verifyAudit(desk2.core.ctx.db).ok && verifyAudit(desk3.core.ctx.db).ok, 'every row taken from the registry is vouched for');
});

test(`[${backend}] two clerks' desks of one office register offline at the same time: their journal numbers come from blocks that never overlap, and both are accepted`, async () => {
  // Each desk has its blocks already (leased on earlier rounds); now neither syncs until both have registered.
  const one = await registeredApplication(desk1, await desk1.as('clerk'));
  const other = await registeredApplication(desk3, await desk3.as('clerk'));
  assert.notEqual(one.journalNumber, other.journalNumber);
  for (const app of [one, other]) assert.match(app.journalNumber ?? '', /^[A-Z0-9]+-\d{4}-\d{5}$/);
  const [up1, up3] = [await round(desk1), await round(desk3)];
  assert.deepEqual([up1.rejected, up3.rejected], [0, 0], JSON.stringify([up1, up3]));
  await round(desk2);
  const head = await desk2.as('head');
  for (const app of [one, other]) assert.equal((await head['applications.get']({ id: app.id })).journalNumber, app.journalNumber, 'the head\'s desk has both');
});

test(`[${backend}] the executor on desk 3 finds the documents incomplete; the head on desk 2 signs the refusal of further consideration they prepared`, async () => {
  const app = await registeredApplication(desk1, await desk1.as('clerk'));
  await round(desk1);
  await round(desk2);
  const head = await desk2.as('head');
  const executor = (await head['users.list']({})).find((u) => u.desk === 'executor desk' && u.username === 'executor')!;
  await head['applications.assign']({ id: app.id, executorId: executor.id });
  await round(desk2);
  await round(desk3);
  await (await desk3.as('executor'))['applications.proposeConsiderationRefusal']({ id: app.id, missing: ['fee-receipt'], reason: 'Квитанция не читается' });
  assert.equal((await round(desk3)).rejected, 0);
  await round(desk2);
  const proposed = await head['applications.get']({ id: app.id });
  assert.deepEqual(proposed.considerationRefusal, { missing: ['fee-receipt'], reason: 'Квитанция не читается' });
  assert.equal(proposed.step?.code, 'sign');
  const refused = await head['decisions.refuseConsideration']({ applicationId: app.id, ...headKey(desk2) });
  assert.equal(refused.decision?.grounds, 'incomplete');
  assert.equal((await round(desk2)).rejected, 0, 'the registry takes it as the office’s refusal');
  await round(desk1);
  const atClerk = await (await desk1.as('clerk'))['applications.get']({ id: app.id });
  assert.equal(atClerk.step?.code, 'hand-out');
  assert.deepEqual(atClerk.decision && [atClerk.decision.kind, atClerk.decision.grounds, atClerk.decision.number], ['refusal', 'incomplete', refused.decision!.number]);
  assert.ok(verifyAudit(desk2.core.ctx.db).ok && verifyAudit(desk3.core.ctx.db).ok);
});

test(`[${backend}] entered by hand on desk 1 while the gateway was down: desk 2 takes it up not verified, checks it itself, and the form's signature holds there`, async () => {
  desk1.simulators.setUnreachable(true);
  const app = await registeredApplication(desk1, await desk1.as('clerk'), { kind: 'none' }, { procedure: 'issue' }, {
    applicantEntered: { name: 'ТОО «Атырау Металл»', nameKk: null, address: 'Атырау қ., Өндіріс к-сі, 12', head: null },
  }).finally(() => desk1.simulators.setUnreachable(false));
  await round(desk1);
  await round(desk2);
  const head = await desk2.as('head');
  const received = await head['applications.get']({ id: app.id });
  assert.deepEqual(received.identityChecks.map((c) => [c.subject, c.state]), [['applicant', 'pending']]);
  assert.deepEqual((await head['applications.verifyForm']({ id: app.id })).problems, [], 'desk 2 rebuilds the form as certified');
  const checked = await head['applications.checkIdentity']({ id: app.id });
  assert.deepEqual(checked.identityChecks.map((c) => [c.state, c.differences.map((d) => d.field)]), [['differs', ['name']]]);

  // The clerk on desk 1 takes the databases' data; the head on desk 2 (cut off from the gateway now) works with it too.
  const clerk = await desk1.as('clerk');
  await clerk['applications.checkIdentity']({ id: app.id });
  const resolved = await clerk['applications.resolveIdentity']({ id: app.id, subject: 'applicant' });
  assert.equal((await round(desk1)).rejected, 0);
  desk2.simulators.setUnreachable(true);
  try {
    await round(desk2);
    const taken = await head['applications.get']({ id: app.id });
    assert.deepEqual(taken.identityChecks.map((c) => c.state), ['resolved']);
    assert.equal(taken.applicant.name, resolved.applicant.name);
    assert.notEqual(taken.applicant.name, 'ТОО «Атырау Металл»');
  } finally {
    desk2.simulators.setUnreachable(false);
  }
});

test(`[${backend}] checked on desk 1 only: the databases' answer reaches desk 2, which never reached them`, async () => {
  desk1.simulators.setUnreachable(true);
  const app = await registeredApplication(desk1, await desk1.as('clerk'), { kind: 'none' }, { procedure: 'issue' }, {
    applicantEntered: { name: 'ТОО «Атырау Металл»', nameKk: null, address: 'Атырау қ., Өндіріс к-сі, 12', head: null },
  }).finally(() => desk1.simulators.setUnreachable(false));
  await round(desk1);
  desk2.simulators.setUnreachable(true);
  try {
    await round(desk2);
    await (await desk1.as('clerk'))['applications.checkIdentity']({ id: app.id });
    await round(desk1);
    await round(desk2);
    const head = await desk2.as('head');
    const taken = await head['applications.get']({ id: app.id });
    assert.deepEqual(taken.identityChecks.map((c) => [c.state, c.differences.map((d) => d.field)]), [['differs', ['name']]]);
  } finally {
    desk2.simulators.setUnreachable(false);
  }
});
