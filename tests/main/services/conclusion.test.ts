import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ApiClient } from '../../../domain/api/client';
import { verifyDocument } from '../../../main/services/verification';
import { startTestCore, type TestCore } from '../../support/core';
import { samplePdf } from '../../support/documents';
import { pdfText } from '../../support/verifiers';
import { headKey } from '../../support/workflow';

/** The state ecological expertise (seed 004) issues a conclusion of its own form, positive or negative — never a licence. */
let t: TestCore;
before(async () => {
  t = await startTestCore();
});
after(async () => {
  await t.close();
});

const OBJECT = '«Атырау Металл Ресайклинг» ЖШС қалдықтарды қайта өңдеу цехы, Атырау қ., Өндіріс к-сі, 12';

/** An eco-expertise application with its documents, registered and with the executor, answered as given. */
async function assessed(answers: Record<string, boolean>, draft = true): Promise<{ id: string; head: ApiClient; clerk: ApiClient; executor: ApiClient }> {
  const [clerk, head, executor] = await Promise.all([t.as('clerk'), t.as('head'), t.as('executor')]);
  const created = await clerk['applications.createDraft']({ serviceCode: 'eco-expertise', procedure: 'issue', applicantKind: 'legal', applicantIdn: '150840001234', representation: { kind: 'none' } });
  for (const slot of created.slots.filter((s) => s.required)) {
    await clerk['documents.attach']({ applicationId: created.id, slotCode: slot.code, fileName: `${slot.code}.pdf`, contentBase64: (await samplePdf(slot.code)).toString('base64') });
  }
  const registered = await clerk['applications.register']({ id: created.id, ...t.clerkKey() });
  const executorUser = (await head['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!;
  await head['applications.assign']({ id: created.id, executorId: executorUser.id });
  if (draft) await executor['decisions.saveDraft']({ applicationId: created.id, draft: { subtypes: [], productionBase: OBJECT, specialConditions: 'Шу деңгейін тоқсан сайын өлшеу', validUntil: null } });
  for (const item of registered.checklist) {
    const met = answers[item.code] ?? true;
    await executor['checklist.set']({ applicationId: created.id, itemCode: item.code, met, note: met ? '' : 'Шекті мәннен 1,4 есе асады' });
  }
  await executor['applications.submitForDecision']({ id: created.id });
  return { id: created.id, head, clerk, executor };
}

test('the positive conclusion has its own title and wording, the drafted object, a national number — and no word of a licence', async () => {
  const { id, head, clerk } = await assessed({});
  const preview = await head['decisions.preview']({ applicationId: id, kind: 'licence' });
  assert.match(preview.fileName, /^conclusion-KZ\d{2}[A-Z]{3}\d{8}-preview\.pdf$/);
  const signed = await head['decisions.issueLicence']({ applicationId: id, ...headKey(t), previewSha256: preview.sha256 });
  const pdf = Buffer.from((await clerk['decisions.pdf']({ decisionId: signed.decision!.id })).contentBase64, 'base64');
  const text = await pdfText(pdf);
  for (const expected of ['МЕМЛЕКЕТТІК ЭКОЛОГИЯЛЫҚ САРАПТАМАНЫҢ ҚОРЫТЫНДЫСЫ / ЗАКЛЮЧЕНИЕ ГОСУДАРСТВЕННОЙ ЭКОЛОГИЧЕСКОЙ ЭКСПЕРТИЗЫ', 'ОҢ ҚОРЫТЫНДЫ / ПОЛОЖИТЕЛЬНОЕ ЗАКЛЮЧЕНИЕ', OBJECT, 'Шу деңгейін тоқсан сайын өлшеу', 'На срок реализации проекта', 'Услугодатель', signed.decision!.number]) {
    assert.ok(text.includes(expected), expected);
  }
  assert.doesNotMatch(text, /лиценз/i);
  const report = await verifyDocument(t.core.ctx, pdf);
  assert.equal(report.valid, true);
  assert.equal(report.qr?.status, 'matches-record');
});

test('the negative conclusion names each unmet requirement under its checklist number', async () => {
  const { id, head, clerk } = await assessed({ 'norms-met': false });
  const reason = 'Шығарындылар нормативтері сақталмаған';
  const preview = await head['decisions.preview']({ applicationId: id, kind: 'refusal', reason });
  const signed = await head['decisions.refuse']({ applicationId: id, reason, ...headKey(t), previewSha256: preview.sha256 });
  assert.match(signed.decision!.number, /-R\d{5}$/);
  const pdf = Buffer.from((await clerk['decisions.pdf']({ decisionId: signed.decision!.id })).contentBase64, 'base64');
  const text = await pdfText(pdf);
  assert.ok(text.includes('ТЕРІС ҚОРЫТЫНДЫ / ОТРИЦАТЕЛЬНОЕ ЗАКЛЮЧЕНИЕ'));
  assert.ok(text.includes('2. Эмиссия нормативтері сақталған / Нормативы эмиссий соблюдены — Шекті мәннен 1,4 есе асады'), 'item 2 of the checklist, numbered 2');
  assert.doesNotMatch(text, /лиценз/i);
});

test('a conclusion is not signed before the executor names its object', async () => {
  const { id, head } = await assessed({}, false);
  await assert.rejects(head['decisions.preview']({ applicationId: id, kind: 'licence' }), { code: 'invalid-state', reason: 'conclusion-not-drafted' });
});
