import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { login, useRussian, e2eAppPerFile } from './harness';

const e2e = e2eAppPerFile();

test('the clerk scans two pages from the SANE test device into a slot, reorders them, and the attached PDF has two pages', async () => {
  const app = e2e();
  const page = await app.open();
  await useRussian(page);
  await login(page, 'clerk');
  await page.getByRole('button', { name: 'Новое заявление' }).click();
  await page.getByLabel('БИН/ИИН заявителя').fill('091240004563');
  await page.getByRole('button', { name: 'Запросить данные' }).click();
  await page.getByTestId('applicant-card').waitFor();
  await page.getByRole('button', { name: 'Создать заявление' }).click();

  const tray = page.getByTestId('scan-tray');
  await tray.getByLabel('Сканер').selectOption('sane:test:0');
  await tray.getByLabel('Откуда').selectOption('flatbed');
  await tray.getByLabel('Разрешение').selectOption('75');
  await tray.getByRole('button', { name: 'Сканировать' }).click();
  await tray.getByText('Отсканировано страниц: 1.').waitFor();
  await tray.getByLabel('Разрешение').selectOption('150');
  await tray.getByRole('button', { name: 'Сканировать' }).click();
  await page.getByTestId('tray-page').nth(1).waitFor();
  const before = await page.getByTestId('tray-page').evaluateAll((items) => items.map((li) => li.getAttribute('data-page-id')));

  // The second page goes first, by keyboard.
  await tray.getByRole('button', { name: 'Страницу 2 выше' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((first) => document.querySelector('[data-testid="tray-page"]')?.getAttribute('data-page-id') !== first, before[0]);
  const after = await page.getByTestId('tray-page').evaluateAll((items) => items.map((li) => li.getAttribute('data-page-id')));
  assert.deepEqual(after, [before[1], before[0]]);
  assert.match((await page.getByTestId('tray-page').first().textContent()) ?? '', /150 dpi/);

  await page.getByTestId('slot-application').getByRole('button', { name: 'Приложить отсканированные страницы (2)' }).click();
  await page.getByTestId('slot-application').getByText(/2 стр/).waitFor();
  assert.equal(await page.getByTestId('tray-page').count(), 0);

  const db = app.test.core.ctx.db;
  const stored = db.prepare("SELECT sha256, pages FROM documents WHERE slot_code = 'application'").get() as { sha256: string; pages: number };
  assert.equal(stored.pages, 2);
  const pdf = await PDFDocument.load(app.test.core.ctx.blobs.get(stored.sha256));
  assert.equal(pdf.getPageCount(), 2);
});
