import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LicenceDraft } from '../../../domain/api/contract';
import { verifyDocument } from '../../../main/services/verification';
import { startTestCore, type TestCore } from '../../support/core';
import { pdfText } from '../../support/verifiers';
import { headKey, registeredApplication } from '../../support/workflow';

/** The executor drafts the licence's fields; the head previews the exact document and signs those bytes. */
let t: TestCore;
let clock = new Date('2026-12-07T05:00:00Z');
before(async () => {
  t = await startTestCore({ now: () => clock, idleSessionMs: 24 * 60 * 60 * 1000 });
});
after(async () => {
  await t.close();
});

const DRAFT: LicenceDraft = {
  subtypes: [1],
  productionBase: 'Атырау облысы, Атырау қ., Өндіріс к-сі, 12, қойма №3',
  specialConditions: 'Радиациялық бақылау әр партияда / Радиационный контроль каждой партии',
  validUntil: null,
};

/** Registered, assigned, drafted (unless told not to), every requirement met, with the head. */
async function withHead(draft: LicenceDraft | null = DRAFT) {
  const [clerk, head, executor] = await Promise.all([t.as('clerk'), t.as('head'), t.as('executor')]);
  const app = await registeredApplication(t, clerk);
  const executorUser = (await head['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!;
  await head['applications.assign']({ id: app.id, executorId: executorUser.id });
  if (draft) await executor['decisions.saveDraft']({ applicationId: app.id, draft });
  for (const item of app.checklist) await executor['checklist.set']({ applicationId: app.id, itemCode: item.code, met: true, note: '' });
  await executor['applications.submitForDecision']({ id: app.id });
  return { app, clerk, head, executor };
}

test('the executor drafts sub-types, the production base, conditions and validity; nonsense is refused and nothing changes', async () => {
  const [clerk, head, executor] = await Promise.all([t.as('clerk'), t.as('head'), t.as('executor')]);
  const app = await registeredApplication(t, clerk);
  await assert.rejects(executor['decisions.saveDraft']({ applicationId: app.id, draft: DRAFT }), { code: 'invalid-state' }, 'not yet assigned');
  const executorUser = (await head['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!;
  await head['applications.assign']({ id: app.id, executorId: executorUser.id });

  const saved = await executor['decisions.saveDraft']({ applicationId: app.id, draft: { ...DRAFT, subtypes: [1, 0, 1], validUntil: '2031-12-31' } });
  assert.deepEqual(saved.licenceDraft, { ...DRAFT, subtypes: [0, 1], validUntil: '2031-12-31' });
  const refused: [LicenceDraft, string][] = [
    [{ ...DRAFT, subtypes: [2] }, 'unknown-subtype'],
    [{ ...DRAFT, subtypes: [] }, 'subtype-required'],
    [{ ...DRAFT, validUntil: '2026-12-01' }, 'valid-until-past'],
  ];
  for (const [draft, reason] of refused) await assert.rejects(executor['decisions.saveDraft']({ applicationId: app.id, draft }), { code: 'invalid-input', reason });
  await assert.rejects(executor['decisions.saveDraft']({ applicationId: app.id, draft: { ...DRAFT, productionBase: ' ' } }), { code: 'invalid-arguments' });
  await assert.rejects(clerk['decisions.saveDraft']({ applicationId: app.id, draft: DRAFT }), { code: 'forbidden' });
  assert.deepEqual((await clerk['applications.get']({ id: app.id })).licenceDraft, saved.licenceDraft, 'unchanged by the refusals');
});

test('the head previews the licence and signs exactly those bytes; the draft is in it', async () => {
  const { app, head, clerk } = await withHead();
  const preview = await head['decisions.preview']({ applicationId: app.id, kind: 'licence' });
  const previewed = Buffer.from(preview.contentBase64, 'base64');
  const text = await pdfText(previewed);
  assert.match(text, /Атырау облысы, Атырау қ\., Өндіріс к-сі, 12, қойма №3/);
  assert.match(text, /Радиациялық бақылау әр партияда/);
  assert.match(text, /Лом и отходы цветных металлов/);
  assert.doesNotMatch(text, /Лом и отходы черных металлов/, 'only the drafted sub-type');

  const issued = await head['decisions.issueLicence']({ applicationId: app.id, ...headKey(t), previewSha256: preview.sha256 });
  assert.equal(issued.decision!.number, preview.number);
  const signed = Buffer.from((await clerk['decisions.pdf']({ decisionId: issued.decision!.id })).contentBase64, 'base64');
  assert.ok(signed.subarray(0, previewed.length).equals(previewed), 'the signed file is the previewed bytes, then the signature');
  const report = await verifyDocument(t.core.ctx, signed);
  assert.equal(report.valid, true, JSON.stringify(report.signatures[0]?.problems));
  assert.equal(report.qr?.status, 'matches-record');
});

test('a preview no longer current is not signed: another look, another reason, an hour gone, the day over', async () => {
  const { app, head } = await withHead();
  const first = await head['decisions.preview']({ applicationId: app.id, kind: 'licence' });
  // A minute later the document is dated otherwise: the first look is no longer what would be signed.
  clock = new Date(clock.getTime() + 60 * 1000);
  const second = await head['decisions.preview']({ applicationId: app.id, kind: 'licence' });
  assert.notEqual(second.sha256, first.sha256);
  await assert.rejects(head['decisions.issueLicence']({ applicationId: app.id, ...headKey(t), previewSha256: first.sha256 }), { code: 'invalid-state', reason: 'preview-not-current' });

  const refusal = await head['decisions.preview']({ applicationId: app.id, kind: 'refusal', reason: 'База талаптарға сай емес' });
  await assert.rejects(
    head['decisions.refuse']({ applicationId: app.id, reason: 'Басқа негіздеме', ...headKey(t), previewSha256: refusal.sha256 }),
    { code: 'invalid-state', reason: 'preview-outdated' },
    'the reason was changed after the look',
  );
  await assert.rejects(head['decisions.issueLicence']({ applicationId: app.id, ...headKey(t), previewSha256: second.sha256 }), { code: 'invalid-state', reason: 'preview-not-current' }, 'the refusal preview replaced it');

  const late = await head['decisions.preview']({ applicationId: app.id, kind: 'licence' });
  clock = new Date(clock.getTime() + 61 * 60 * 1000);
  try {
    await assert.rejects(head['decisions.issueLicence']({ applicationId: app.id, ...headKey(t), previewSha256: late.sha256 }), { code: 'invalid-state', reason: 'preview-expired' });
  } finally {
    clock = new Date(clock.getTime() - 61 * 60 * 1000);
  }
  assert.equal((await head['applications.get']({ id: app.id })).status, 'ready-for-decision', 'nothing signed');
  const fresh = await head['decisions.preview']({ applicationId: app.id, kind: 'licence' });
  assert.equal((await head['decisions.issueLicence']({ applicationId: app.id, ...headKey(t), previewSha256: fresh.sha256 })).status, 'issued');
});

test('without a draft the licence keeps the catalogue and the legal address; only the head previews', async () => {
  const { app, head, executor } = await withHead(null);
  await assert.rejects(executor['decisions.preview']({ applicationId: app.id, kind: 'licence' }), { code: 'forbidden' });
  const preview = await head['decisions.preview']({ applicationId: app.id, kind: 'licence' });
  const text = await pdfText(Buffer.from(preview.contentBase64, 'base64'));
  assert.match(text, /Лом и отходы черных металлов/);
  assert.match(text, /Лом и отходы цветных металлов/);
});
