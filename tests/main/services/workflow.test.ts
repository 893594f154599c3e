import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { ApiClient } from '../../../domain/api/client';
import { eventsFor } from '../../../db/repositories/events';
import { countApplications } from '../../../db/repositories/applications';
import { verifyDocument } from '../../../main/services/verification';
import { startTestCore, type TestCore } from '../../support/core';
import { samplePdf } from '../../support/documents';
import { registeredApplication as registeredApp } from '../../support/workflow';

let t: TestCore;
before(async () => {
  t = await startTestCore();
});
after(async () => {
  await t.close();
});

const b64 = (b: Buffer) => b.toString('base64');

const registeredApplication = (clerk: ApiClient) => registeredApp(t, clerk);

test('the whole flow through the API, with an event for every change of state', async () => {
  const clerk = await t.as('clerk');
  const head = await t.as('head');
  const executor = await t.as('executor');
  const app = await registeredApplication(clerk);
  assert.equal(app.status, 'registered');
  assert.match(app.journalNumber!, /^KRG-\d{4}-\d{5}$/);
  assert.equal(app.representation.kind, 'notarised');
  assert.ok(app.dueDate! > app.registeredAt!.slice(0, 10));

  const executorUser = (await head['users.list']({})).find((u) => u.username === 'executor')!;
  await head['applications.assign']({ id: app.id, executorId: executorUser.id });
  for (const item of app.checklist) await executor['checklist.set']({ applicationId: app.id, itemCode: item.code, met: true, note: '' });
  await executor['applications.submitForDecision']({ id: app.id });
  const issued = await head['decisions.issueLicence']({
    applicationId: app.id,
    keyFileBase64: b64(readFileSync(t.pki.headKeyFile)),
    keyPassword: 'demo-key-password',
  });
  assert.equal(issued.status, 'issued');

  const pdf = await clerk['decisions.pdf']({ decisionId: issued.decision!.id });
  const report = await verifyDocument(t.core.ctx, Buffer.from(pdf.contentBase64, 'base64'));
  assert.equal(report.valid, true, JSON.stringify(report.signatures[0]?.problems));
  assert.equal(report.signatures[0]!.signer!.iin, '781103500670');
  assert.equal(report.signatures[0]!.signer!.bin, '990140001114');
  assert.deepEqual(report.qr, { kind: 'licence', number: issued.decision!.number, date: report.qr?.date, status: 'matches-record', differences: [] });

  // The same document shown at another office: the QR is read, but there is no record to match.
  const elsewhere = await startTestCore();
  try {
    const there = await verifyDocument(elsewhere.core.ctx, Buffer.from(pdf.contentBase64, 'base64'));
    assert.equal(there.qr?.status, 'not-in-this-office');
  } finally {
    await elsewhere.close();
  }

  const types = eventsFor(t.core.ctx.db, app.id).map((e) => e.type);
  assert.deepEqual(types, [
    'application.drafted',
    'application.registered',
    'application.assigned',
    'checklist.set',
    'checklist.set',
    'checklist.set',
    'checklist.set',
    'application.submitted-for-decision',
    'licence.issued',
  ]);
  for (const e of eventsFor(t.core.ctx.db, app.id)) assert.match(e.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7/);
});

test('registration needs every required document, and says which are missing', async () => {
  const clerk = await t.as('clerk');
  const draft = await clerk['applications.createDraft']({
    serviceCode: 'scrap-metal', procedure: 'issue', applicantKind: 'legal', applicantIdn: '091240004563', representation: { kind: 'none' },
  });
  await assert.rejects(clerk['applications.register']({ id: draft.id, ...t.clerkKey() }), { code: 'documents-missing', params: { slots: 'application,fee-receipt' } });
  assert.equal((await clerk['applications.get']({ id: draft.id })).status, 'draft');
});

test('a PoA certified otherwise needs its scan; a notarised one must belong to the applicant', async () => {
  const clerk = await t.as('clerk');
  const draft = await clerk['applications.createDraft']({
    serviceCode: 'scrap-metal', procedure: 'issue', applicantKind: 'legal', applicantIdn: '091240004563',
    representation: { kind: 'other', fullName: 'Нұрланов Дәурен', iin: '900712400451' },
  });
  assert.deepEqual(draft.slots.map((s) => [s.code, s.required]).at(-1), ['poa-scan', true]);
  const before = countApplications(t.core.ctx.db);
  await assert.rejects(
    clerk['applications.createDraft']({
      serviceCode: 'scrap-metal', procedure: 'issue', applicantKind: 'legal', applicantIdn: '091240004563',
      representation: { kind: 'notarised', registryNumber: '2026-0001234' },
    }),
    { code: 'invalid-input', reason: 'poa-other-principal' },
  );
  assert.equal(countApplications(t.core.ctx.db), before);
});

test('lookups that fail leave nothing behind: unknown BIN, gateway down, liquidated entity', async () => {
  const clerk = await t.as('clerk');
  const before = countApplications(t.core.ctx.db);
  const draft = (applicantIdn: string) =>
    clerk['applications.createDraft']({ serviceCode: 'scrap-metal', procedure: 'issue', applicantKind: 'legal', applicantIdn, representation: { kind: 'none' } });
  await assert.rejects(draft('210540002225'), { code: 'data-unavailable', reason: 'not-found' });
  await assert.rejects(draft('200140003217'), { code: 'invalid-input', reason: 'applicant-liquidated' });
  t.simulators.setFailure(503);
  try {
    await assert.rejects(draft('150840001234'), { code: 'data-unavailable', reason: 'gateway-error' });
  } finally {
    t.simulators.setFailure(undefined);
  }
  assert.equal(countApplications(t.core.ctx.db), before);
});

test('bad files are refused and nothing is attached', async () => {
  const clerk = await t.as('clerk');
  const draft = await clerk['applications.createDraft']({
    serviceCode: 'grain-warehouse', procedure: 'issue', applicantKind: 'individual', applicantIdn: '850215300124', representation: { kind: 'none' },
  });
  await assert.rejects(
    clerk['documents.attach']({ applicationId: draft.id, slotCode: 'application', fileName: 'x.pdf', contentBase64: b64(Buffer.from('not a pdf')) }),
    { code: 'invalid-input', reason: 'file-unsupported-format' },
  );
  await assert.rejects(
    clerk['documents.attach']({ applicationId: draft.id, slotCode: 'no-such-slot', fileName: 'x.pdf', contentBase64: b64(await samplePdf('x')) }),
    { code: 'invalid-input', reason: 'unknown-document-slot' },
  );
  assert.equal((await clerk['applications.get']({ id: draft.id })).slots.every((s) => s.documents.length === 0), true);
});

test('only the assigned executor works the checklist, and a refusal lists the unmet requirement', async () => {
  const clerk = await t.as('clerk');
  const head = await t.as('head');
  const executor = await t.as('executor');
  const app = await registeredApplication(clerk);
  await assert.rejects(executor['checklist.set']({ applicationId: app.id, itemCode: 'scales', met: true, note: '' }), { code: 'invalid-state' });
  const executorUser = (await head['users.list']({})).find((u) => u.username === 'executor')!;
  await head['applications.assign']({ id: app.id, executorId: executorUser.id });
  await assert.rejects(executor['checklist.set']({ applicationId: app.id, itemCode: 'scales', met: false, note: '' }), { reason: 'unmet-needs-note' });
  for (const item of app.checklist) {
    await executor['checklist.set']({ applicationId: app.id, itemCode: item.code, met: item.code !== 'scales', note: item.code === 'scales' ? 'Таразы тексерілмеген' : '' });
  }
  await executor['applications.submitForDecision']({ id: app.id });
  // The head sends it back once; the executor may change the checklist again and resubmit.
  assert.equal((await head['applications.returnToExecutor']({ id: app.id, note: 'Таразыны тексеріңіз' })).status, 'assigned');
  await executor['checklist.set']({ applicationId: app.id, itemCode: 'scales', met: false, note: 'Таразы тексерілмеген, куәлік жоқ' });
  await executor['applications.submitForDecision']({ id: app.id });
  const key = { keyFileBase64: b64(readFileSync(t.pki.headKeyFile)), keyPassword: 'demo-key-password' };
  await assert.rejects(head['decisions.issueLicence']({ applicationId: app.id, ...key }), { reason: 'requirements-unmet' });
  await assert.rejects(head['decisions.refuse']({ applicationId: app.id, reason: 'x', ...key, keyPassword: 'wrong' }), { code: 'signing-refused', reason: 'key-wrong-password' });
  const refused = await head['decisions.refuse']({ applicationId: app.id, reason: 'Біліктілік талаптарына сәйкес емес', ...key });
  assert.equal(refused.status, 'refused');
  assert.equal(refused.decision!.kind, 'refusal');
});

test('the clerk certifies the filled form at registration; the signature checks out until the form is changed', async () => {
  const clerk = await t.as('clerk');
  const app = await registeredApplication(clerk);
  const check = await clerk['applications.verifyForm']({ id: app.id });
  assert.equal(check.valid, true, JSON.stringify(check.problems));
  assert.equal(check.signer!.iin, '621012400231');
  assert.ok(check.signingTime);

  // Someone edits the stored applicant behind the app's back: the certified form no longer matches.
  t.core.ctx.db.prepare("UPDATE applications SET applicant_json = replace(applicant_json, 'Атырау', 'Ақтау') WHERE id = ?").run(app.id);
  const changed = await clerk['applications.verifyForm']({ id: app.id });
  assert.equal(changed.valid, false);
  assert.deepEqual(changed.problems, ['content-digest-mismatch', 'form-changed-after-signing']);
});

test('registration is refused with another person\'s key, and nothing is registered', async () => {
  const clerk = await t.as('clerk');
  const draft = await clerk['applications.createDraft']({
    serviceCode: 'scrap-metal', procedure: 'issue', applicantKind: 'legal', applicantIdn: '091240004563', representation: { kind: 'none' },
  });
  for (const slot of ['application', 'fee-receipt']) {
    await clerk['documents.attach']({ applicationId: draft.id, slotCode: slot, fileName: `${slot}.pdf`, contentBase64: b64(await samplePdf(slot)) });
  }
  const headsKey = { keyFileBase64: b64(readFileSync(t.pki.headKeyFile)), keyPassword: 'demo-key-password' };
  await assert.rejects(clerk['applications.register']({ id: draft.id, ...headsKey }), { code: 'signing-refused', reason: 'iin-mismatch' });
  const after = await clerk['applications.get']({ id: draft.id });
  assert.equal(after.status, 'draft');
  assert.equal(after.journalNumber, null);
});
