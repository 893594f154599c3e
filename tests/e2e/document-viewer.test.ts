import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { joinPageTexts } from '../../domain/documents/page-text';
import { findUserByName } from '../../db/repositories/users';
import { attachBytes } from '../../main/services/documents';
import { samplePdf } from '../support/documents';
import { longScannedPdf } from '../support/long-scan';
import { e2eAppPerFile, login, lookAt, useRussian } from './harness';

const e2e = e2eAppPerFile();

const PAGES = 200;
const APPLICANT_BIN = '150840001234';
const OTHER_COMPANY_BIN = '091240004563';
const FILE = 'өндірістік-база.pdf';

/** What OCR "read" on each page of the long scan: page 150 names another company. */
const pageText = (n: number) => (n === 150 ? `Жалға беру шарты, ${n}-бет. Жалға беруші: БСН ${OTHER_COMPANY_BIN}` : `Өндірістік база, ${n}-бет. БСН ${APPLICANT_BIN}`);

/** Totals the bytes the page asked the core for through documents.read. */
function countReads(page: Page): { bytes: number } {
  const read = { bytes: 0 };
  page.on('request', (request) => {
    if (!request.url().endsWith('/api/call')) return;
    const envelope = JSON.parse(request.postData() ?? '{}') as { channel?: string; args?: { length?: number } };
    if (envelope.channel === 'documents.read') read.bytes += envelope.args?.length ?? 0;
  });
  return read;
}

test('the executor opens a 200-page scan, jumps to page 150 within a second, points a requirement at it, and the head opens that page from the checklist', { timeout: 300_000 }, async () => {
  const app = e2e();
  const clerkApi = await app.test.as('clerk');
  const draft = await clerkApi['applications.createDraft']({ serviceCode: 'scrap-metal', procedure: 'issue', applicantKind: 'legal', applicantIdn: APPLICANT_BIN, representation: { kind: 'none' } });
  for (const slot of draft.slots.filter((s) => s.required)) {
    await clerkApi['documents.attach']({ applicationId: draft.id, slotCode: slot.code, fileName: `${slot.code}.pdf`, contentBase64: (await samplePdf(slot.code)).toString('base64') });
  }
  // As scanner.attach does: the scan with the text its pages were read as in the tray.
  const scan = await longScannedPdf(PAGES);
  const texts = Array.from({ length: PAGES }, (_, i) => pageText(i + 1));
  await attachBytes(app.test.core.ctx, { applicationId: draft.id, slotCode: 'production-base', fileName: FILE, bytes: scan, recognisedText: joinPageTexts(texts) }, findUserByName(app.test.core.ctx.db, 'clerk')!);
  const registered = await clerkApi['applications.register']({ id: draft.id, ...app.test.clerkKey() });
  const headApi = await app.test.as('head');
  const executorUser = (await headApi['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!;
  await headApi['applications.assign']({ id: draft.id, executorId: executorUser.id });

  // The executor, in Russian, at the office's screen size.
  const executor = await app.open();
  await useRussian(executor);
  await login(executor, 'executor');
  await executor.setViewportSize({ width: 1366, height: 768 });
  const reads = countReads(executor);
  await executor.getByRole('button', { name: 'Журнал регистрации' }).click();
  await executor.getByTestId('journal-row').filter({ hasText: registered.journalNumber! }).getByRole('button', { name: /Открыть/ }).click();
  await executor.getByRole('button', { name: `Открыть документ ${FILE}` }).click();
  const viewer = executor.getByTestId('document-viewer');
  await viewer.locator('[data-rendered-page="1"]').waitFor();
  await viewer.getByTestId('viewer-text').getByText('Өндірістік база, 1-бет.').waitFor();

  const pageInput = viewer.getByLabel('Номер страницы (Enter — перейти)');
  await pageInput.fill('150');
  const asked = Date.now();
  await pageInput.press('Enter');
  await viewer.locator('[data-rendered-page="150"]').waitFor();
  const waited = Date.now() - asked;
  console.log(`page 150 of ${PAGES} shown ${waited} ms after Enter; ${reads.bytes} of ${scan.length} bytes read so far`);
  assert.ok(waited < 1000, `page 150 shown in ${waited} ms`);
  assert.ok(reads.bytes < scan.length / 5, `only the pages shown are read: ${reads.bytes} of ${scan.length} bytes`);
  // Its text and the other company's BIN, marked, beside it.
  await viewer.getByTestId('viewer-text').getByText('Жалға беру шарты, 150-бет.').waitFor();
  await viewer.getByTestId('viewer-identifiers').getByText('не заявитель и не представитель').waitFor();
  assert.match(await viewer.getByTestId('viewer-identifiers').innerText(), new RegExp(OTHER_COMPANY_BIN));

  // Zoom and rotate redraw the page.
  const canvas = viewer.locator('canvas');
  const before = (await canvas.boundingBox())!;
  await viewer.getByRole('button', { name: 'Крупнее' }).click();
  await viewer.getByRole('button', { name: 'Повернуть на 90°' }).click();
  await executor.waitForFunction(() => {
    const c = document.querySelector('[data-testid="document-viewer"] canvas') as HTMLCanvasElement | null;
    return c !== null && c.closest('[data-rendered-page]') !== null && c.getBoundingClientRect().width > c.getBoundingClientRect().height;
  });
  const after = (await canvas.boundingBox())!;
  assert.ok(after.width > after.height && before.height > before.width, `rotated: ${JSON.stringify({ before, after })}`);
  await viewer.getByRole('button', { name: 'По ширине' }).click();
  await viewer.getByRole('button', { name: 'Повернуть на 90°' }).click();
  await viewer.getByRole('button', { name: 'Повернуть на 90°' }).click();
  await viewer.getByRole('button', { name: 'Повернуть на 90°' }).click();

  // The production-base requirement points at page 150; the answers are given and the application sent to the head.
  const item = executor.getByTestId('check-production-base');
  await item.getByRole('button', { name: 'Указать открытую страницу (150)' }).click();
  await item.getByText(`Подтверждает: ${FILE}, стр. 150`).waitFor();
  await executor.getByTestId('check-state-production-base').getByText('✓ Сохранено').waitFor();
  await viewer.locator('[data-rendered-page="150"]').waitFor();
  await lookAt(executor, 'document-viewer-executor');
  for (const code of registered.checklist.map((c) => c.code)) await executor.getByTestId(`check-${code}`).getByRole('radio', { name: 'Соответствует', exact: true }).check();
  for (const code of registered.checklist.map((c) => c.code)) await executor.getByTestId(`check-state-${code}`).getByText('✓ Сохранено').waitFor();
  await executor.getByRole('button', { name: 'Передать руководителю на подпись' }).click();
  await executor.getByTestId('application-status').getByText('На подписи у руководителя').waitFor();
  // Esc closes the viewer from anywhere inside it.
  await viewer.getByRole('button', { name: 'Следующая страница' }).focus();
  await executor.keyboard.press('Escape');
  assert.equal(await viewer.count(), 0);

  // The head, in Kazakh, sees the link before signing and opens the page from it.
  const head = await app.open();
  await login(head, 'head');
  await head.setViewportSize({ width: 1366, height: 768 });
  await head.getByRole('button', { name: 'Тіркеу журналы' }).click();
  await head.getByTestId('journal-row').filter({ hasText: registered.journalNumber! }).getByRole('button', { name: /Ашу/ }).click();
  const link = head.getByTestId('check-production-base').getByRole('button', { name: `${FILE} құжатын 150-бетте ашу` });
  await link.click();
  const headViewer = head.getByTestId('document-viewer');
  await headViewer.locator('[data-rendered-page="150"]').waitFor();
  await headViewer.getByTestId('viewer-text').getByText('Жалға беру шарты, 150-бет.').waitFor();
  assert.equal(await head.getByRole('button', { name: /Ашық бетті көрсету/ }).count(), 0, 'only the executor points pages');
  // Page by page from the keyboard.
  await headViewer.getByRole('button', { name: 'Келесі бет' }).focus();
  await head.keyboard.press('PageDown');
  await headViewer.locator('[data-rendered-page="151"]').waitFor();
  await lookAt(head, 'document-viewer-head', 'kk');
});
