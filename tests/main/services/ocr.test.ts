import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { embedDejaVu } from '../../../main/fonts';
import type { ApiClient } from '../../../domain/api/client';
import { queueDocumentOcr } from '../../../db/repositories/document-text';
import { startTestCore, type TestCore } from '../../support/core';
import { KAZAKH_TEXT, textPage } from '../../support/ocr-pages';
import { samplePdf } from '../../support/documents';
import { tempDir } from '../../support/temp';
import { runAsync } from '../../support/verifiers';

/**
 * OCR as the clerk meets it: pages read in the background after they reach the tray, documents made
 * searchable, and IINs/BINs in a document's text checked against the application's parties.
 */
let t: TestCore;
let clerk: ApiClient;
before(async () => {
  t = await startTestCore();
  clerk = await t.as('clerk');
});
after(async () => {
  await t.close();
});

const APPLICANT_BIN = '150840001234';
/** Another company from the state database: a document of theirs must not pass unnoticed. */
const OTHER_COMPANY_BIN = '091240004563';

const draft = () =>
  clerk['applications.createDraft']({ serviceCode: 'scrap-metal', procedure: 'issue', applicantKind: 'legal', applicantIdn: APPLICANT_BIN, representation: { kind: 'none' } });

const b64 = (bytes: Buffer) => bytes.toString('base64');

async function pdfTool(tool: string, args: string[], pdf: Buffer): Promise<string> {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'doc.pdf');
    writeFileSync(file, pdf);
    return (await runAsync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])])).out;
  } finally {
    dir.remove();
  }
}

test("a scanned document carrying another company's BIN is flagged; the applicant's own is not", { timeout: 180_000 }, async () => {
  const app = await draft();
  const own = await textPage([...KAZAKH_TEXT.slice(0, 4), `БСН ${APPLICANT_BIN}`], 'noisy');
  const foreign = await textPage(['Жалға беру шарты № 17', `Жалға беруші: «Астана Логистик» ЖШС, БСН ${OTHER_COMPANY_BIN}`, `Жалға алушы: БСН ${APPLICANT_BIN}`], 'skewed');

  const first = await clerk['scanner.import']({ fileName: 'charter.png', contentBase64: b64(own) });
  await clerk['scanner.import']({ fileName: 'lease.png', contentBase64: b64(foreign) });
  await t.core.ctx.ocr.idle();
  const tray = await clerk['scanner.tray']({});
  assert.equal(tray.pages.length, 2);
  assert.ok(tray.pages.every((p) => p.textRead), 'read in the background while in the tray');

  await clerk['scanner.attach']({ applicationId: app.id, slotCode: 'application', pageIds: [first.pages[0]!.id] });
  const detail = await clerk['scanner.attach']({ applicationId: app.id, slotCode: 'production-base', pageIds: [tray.pages[1]!.id] });
  const docs = Object.fromEntries(detail.slots.map((s) => [s.code, s.documents[0]]));
  assert.deepEqual(docs.application!.foreignIdentifiers, []);
  assert.deepEqual(docs['production-base']!.foreignIdentifiers, [OTHER_COMPANY_BIN]);
  assert.deepEqual(docs['production-base']!.ocr, { status: 'done', pagesDone: 1, pagesTotal: 1 });

  // The attached PDF: a bilevel page image with the text laid invisibly over it.
  const pdf = Buffer.from((await clerk['documents.content']({ documentId: docs['production-base']!.id })).contentBase64, 'base64');
  assert.match(await pdfTool('pdftotext', [], pdf), /Жалға беру шарты/);
  const images = (await pdfTool('pdfimages', ['-list'], pdf)).split('\n')[2]!.trim().split(/\s+/);
  assert.deepEqual([images[5], images[6]], ['gray', '1'], 'colour and bits per component');
  assert.ok(pdf.length < 80_000, `a text page stays small: ${pdf.length} bytes`);

  const { hits } = await clerk['documents.search']({ query: 'жалға шарты' });
  assert.deepEqual(hits.map((h) => h.documentId), [docs['production-base']!.id]);
  assert.match(hits[0]!.snippet, /\[Жалға\]/);
});

/** A born-digital PDF, as an office's software saves a document: two pages of text in an embedded Unicode font, no image at all. */
async function bornDigitalPdf(pages: string[][]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const { regular } = await embedDejaVu(pdf);
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 56, y: 780 - i * 18, size: 11, font: regular }));
  }
  return Buffer.from(await pdf.save());
}

test('a born-digital PDF is read from its own text, page by page (no OCR): the viewer shows each page\'s text, another company\'s BIN in it is flagged, the search finds its words', async () => {
  const app = await draft();
  const pdf = await bornDigitalPdf([
    ['Жалға беру шарты № 42', 'Алматы қ., 2026 жылғы 1 желтоқсан'],
    ['Жалға беруші: «Жетісу Терминал» ЖШС', `БСН ${OTHER_COMPANY_BIN}`, `Жалға алушы: БСН ${APPLICANT_BIN}`],
  ]);
  const recognised = t.core.ctx.db.prepare('SELECT count(*) FROM ocr_pages').pluck().get() as number;
  const attached = await clerk['documents.attach']({ applicationId: app.id, slotCode: 'production-base', fileName: 'шарт.pdf', contentBase64: b64(pdf) });
  await t.core.ctx.ocr.idle();
  assert.equal(t.core.ctx.db.prepare('SELECT count(*) FROM ocr_pages').pluck().get(), recognised, 'no page went to OCR');
  const document = (await clerk['applications.get']({ id: attached.id })).slots.find((s) => s.code === 'production-base')!.documents[0]!;
  assert.deepEqual(document.ocr, { status: 'done', pagesDone: 2, pagesTotal: 2 });
  assert.deepEqual(document.foreignIdentifiers, [OTHER_COMPANY_BIN]);
  const first = await clerk['documents.pageText']({ documentId: document.id, page: 1 });
  assert.match(first.text, /Жалға беру шарты № 42/);
  assert.doesNotMatch(first.text, /Терминал/, 'each page its own text');
  const second = await clerk['documents.pageText']({ documentId: document.id, page: 2 });
  assert.match(second.text, /«Жетісу Терминал» ЖШС/);
  assert.ok(second.identifiers.includes(OTHER_COMPANY_BIN), JSON.stringify(second.identifiers));
  const { hits } = await clerk['documents.search']({ query: 'Терминал' });
  assert.deepEqual(hits.map((h) => h.documentId), [document.id]);
});

test('an attached photo is read in the background; a removed document leaves the search', { timeout: 180_000 }, async () => {
  const app = await draft();
  const photo = await textPage(['Анықтама', `Берілді: «Астана Логистик» ЖШС, БСН ${OTHER_COMPANY_BIN}`, 'Қарағанды облысы, Теміртау қаласы'], 'jpeg');
  const attached = await clerk['documents.attach']({ applicationId: app.id, slotCode: 'application', fileName: 'certificate.jpg', contentBase64: b64(photo) });
  const doc = attached.slots.find((s) => s.code === 'application')!.documents[0]!;
  assert.equal(doc.ocr?.status, 'queued');
  await t.core.ctx.ocr.idle();
  const read = (await clerk['applications.get']({ id: app.id })).slots.find((s) => s.code === 'application')!.documents[0]!;
  assert.deepEqual(read.ocr, { status: 'done', pagesDone: 1, pagesTotal: 1 });
  assert.deepEqual(read.foreignIdentifiers, [OTHER_COMPANY_BIN]);
  assert.equal((await clerk['documents.search']({ query: 'Теміртау' })).hits.length, 1);

  await clerk['documents.remove']({ documentId: doc.id });
  assert.equal((await clerk['documents.search']({ query: 'Теміртау' })).hits.length, 0);
});

test('a document left queued by the last run is read when the app starts again', { timeout: 120_000 }, async () => {
  const app = await draft();
  const page = await sharp(await textPage(['Сенімхат', 'Ақтөбе қаласы'], 'clean')).jpeg({ quality: 80 }).toBuffer();
  const attached = await clerk['documents.attach']({ applicationId: app.id, slotCode: 'application', fileName: 'poa.jpg', contentBase64: b64(page) });
  await t.core.ctx.ocr.idle();
  const docId = attached.slots.find((s) => s.code === 'application')!.documents[0]!.id;
  // As if the app had stopped before OCR finished: the state is back to queued and the text gone.
  queueDocumentOcr(t.core.ctx.db, docId, 1, new Date().toISOString());
  t.core.ctx.db.prepare('DELETE FROM document_text WHERE document_id = ?').run(docId);
  assert.equal((await clerk['documents.search']({ query: 'Ақтөбе' })).hits.length, 0);
  t.core.ctx.ocr.resume();
  await t.core.ctx.ocr.idle();
  assert.equal((await clerk['documents.search']({ query: 'Ақтөбе' })).hits.length, 1);
});

test('files the tray cannot take are refused with the reason and add nothing', async () => {
  const before = (await clerk['scanner.tray']({})).pages.length;
  const jpeg = await sharp(await textPage(['x'], 'clean')).jpeg().toBuffer();
  const bad: [string, Buffer, object][] = [
    // An empty file does not get past the API's argument check.
    ['empty.png', Buffer.alloc(0), { code: 'invalid-arguments' }],
    ['cut.jpg', jpeg.subarray(0, jpeg.length / 2), { code: 'invalid-input', reason: 'file-truncated' }],
    ['notes.txt', Buffer.from('plain text'), { code: 'invalid-input', reason: 'file-unsupported-format' }],
    ['typed.pdf', await samplePdf('typed text, no scan'), { code: 'invalid-input', reason: 'file-unsupported-format' }],
  ];
  for (const [fileName, bytes, expected] of bad) {
    await assert.rejects(clerk['scanner.import']({ fileName, contentBase64: b64(bytes) }), expected, fileName);
  }
  assert.equal((await clerk['scanner.tray']({})).pages.length, before);
  const executor = await t.as('executor');
  await assert.rejects(executor['scanner.import']({ fileName: 'a.jpg', contentBase64: b64(jpeg) }), { code: 'forbidden' });
});
