import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { joinPageTexts } from '../../../domain/documents/page-text';
import { findUserByName } from '../../../db/repositories/users';
import { attachBytes } from '../../../main/services/documents';
import { startTestCore, type TestCore } from '../../support/core';
import { samplePdf } from '../../support/documents';
import { registeredApplication } from '../../support/workflow';

/** What the document viewer reads: a document in pieces, a page's text, and the page a checklist item points at. */
let t: TestCore;
before(async () => {
  t = await startTestCore();
});
after(async () => {
  await t.close();
});

const APPLICANT_BIN = '150840001234';
const OTHER_COMPANY_BIN = '091240004563';

async function draftWithScan(pageTexts: string[] | string) {
  const clerk = await t.as('clerk');
  const draft = await clerk['applications.createDraft']({ serviceCode: 'scrap-metal', procedure: 'issue', applicantKind: 'legal', applicantIdn: APPLICANT_BIN, representation: { kind: 'none' } });
  const pages = Array.isArray(pageTexts) ? pageTexts.length : 3;
  const user = findUserByName(t.core.ctx.db, 'clerk')!;
  const recognisedText = Array.isArray(pageTexts) ? joinPageTexts(pageTexts) : pageTexts;
  const bytes = await samplePdf('Charter', pages);
  const detail = await attachBytes(t.core.ctx, { applicationId: draft.id, slotCode: 'application', fileName: 'жарғы.pdf', bytes, recognisedText }, user);
  return { clerk, bytes, document: detail.slots.find((s) => s.code === 'application')!.documents[0]! };
}

test('a document is read in pieces that join to exactly its bytes; past its end there is nothing', async () => {
  const { clerk, bytes, document } = await draftWithScan(['бір', 'екі']);
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += 1000) {
    const piece = await clerk['documents.read']({ documentId: document.id, offset, length: 1000 });
    assert.equal(piece.size, bytes.length);
    pieces.push(Buffer.from(piece.contentBase64, 'base64'));
  }
  assert.ok(Buffer.concat(pieces).equals(bytes));
  assert.equal((await clerk['documents.read']({ documentId: document.id, offset: bytes.length + 5, length: 10 })).contentBase64, '');
  await assert.rejects(clerk['documents.read']({ documentId: document.id, offset: 0, length: 2 * 1024 * 1024 }), { code: 'invalid-arguments' });
});

test("each page's text with the identifiers on it; text read before pages were told apart is given whole", async () => {
  const { clerk, document } = await draftWithScan(['Жарғы', `Құрылтайшы: БСН ${OTHER_COMPANY_BIN}`, `БСН ${APPLICANT_BIN}`]);
  const second = await clerk['documents.pageText']({ documentId: document.id, page: 2 });
  assert.deepEqual(second, { status: 'done', text: `Құрылтайшы: БСН ${OTHER_COMPANY_BIN}`, identifiers: [OTHER_COMPANY_BIN], wholeDocument: false });
  assert.deepEqual((await clerk['documents.pageText']({ documentId: document.id, page: 3 })).identifiers, [APPLICANT_BIN]);
  await assert.rejects(clerk['documents.pageText']({ documentId: document.id, page: 4 }), { code: 'invalid-input', reason: 'page-out-of-range' });

  const old = await draftWithScan('бірінші бет\n\nекінші бет');
  const whole = await old.clerk['documents.pageText']({ documentId: old.document.id, page: 2 });
  assert.deepEqual(whole, { status: 'done', text: 'бірінші бет\n\nекінші бет', identifiers: [], wholeDocument: true });
});

test('the executor points a requirement at a page of this application; the detail shows it; nothing else is accepted', async () => {
  const [clerk, head, executor] = await Promise.all([t.as('clerk'), t.as('head'), t.as('executor')]);
  const app = await registeredApplication(t, clerk);
  const elsewhere = await draftWithScan(['бөтен']);
  const executorUser = (await head['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!;
  await head['applications.assign']({ id: app.id, executorId: executorUser.id });
  const document = app.slots.find((s) => s.code === 'application')!.documents[0]!;
  const item = app.checklist[0]!.code;

  const pointed = await executor['checklist.setEvidence']({ applicationId: app.id, itemCode: item, evidence: { documentId: document.id, page: 1 } });
  assert.deepEqual(pointed.checklist[0]!.evidence, { documentId: document.id, page: 1 });
  assert.equal(pointed.checklist[0]!.met, null, 'pointing at a page answers nothing');

  const refused = [
    [executor['checklist.setEvidence']({ applicationId: app.id, itemCode: item, evidence: { documentId: elsewhere.document.id, page: 1 } }), 'evidence-not-this-application'],
    [executor['checklist.setEvidence']({ applicationId: app.id, itemCode: item, evidence: { documentId: document.id, page: 2 } }), 'page-out-of-range'],
    [executor['checklist.setEvidence']({ applicationId: app.id, itemCode: 'no-such-item', evidence: null }), 'unknown-checklist-item'],
  ] as const;
  for (const [call, reason] of refused) await assert.rejects(call, { code: 'invalid-input', reason });
  await assert.rejects(clerk['checklist.setEvidence']({ applicationId: app.id, itemCode: item, evidence: null }), { code: 'forbidden' });
  assert.deepEqual((await clerk['applications.get']({ id: app.id })).checklist[0]!.evidence, { documentId: document.id, page: 1 }, 'unchanged by the refusals');

  const cleared = await executor['checklist.setEvidence']({ applicationId: app.id, itemCode: item, evidence: null });
  assert.equal(cleared.checklist[0]!.evidence, null);
});
