import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { clerkWithDraft, e2eAppPerFile, login, useRussian } from './harness';
import type { Page } from 'playwright-core';
import { textPage } from '../support/ocr-pages';
import { tempDir } from '../support/temp';
import { multiPageTiff } from '../support/documents';

const e2e = e2eAppPerFile();

/** Attaches the whole tray to the application form's slot, which leaves the clerk's tray empty. */
async function attachTrayToApplication(page: Page, pages: number): Promise<void> {
  const slot = page.getByTestId('slot-application');
  await slot.getByRole('button', { name: `Приложить отсканированные страницы (${pages})` }).click();
  await slot.getByText(new RegExp(`${pages} стр`)).waitFor();
  assert.equal(await page.getByTestId('tray-page').count(), 0);
}

test('the clerk scans two pages from the SANE test device into a slot, reorders them, and the attached PDF has two pages', async () => {
  const app = e2e();
  const page = await clerkWithDraft(app);

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

  await attachTrayToApplication(page, 2);

  const db = app.test.core.ctx.db;
  const stored = db.prepare("SELECT sha256, pages FROM documents WHERE slot_code = 'application'").get() as { sha256: string; pages: number };
  assert.equal(stored.pages, 2);
  const pdf = await PDFDocument.load(app.test.core.ctx.blobs.get(stored.sha256));
  assert.equal(pdf.getPageCount(), 2);
});

test("a page imported into the tray is read by OCR; attached, another company's BIN in it is shown as a warning, and the journal finds it by its text", async () => {
  const app = e2e();
  const page = await clerkWithDraft(app);

  const dir = tempDir();
  try {
    const file = join(dir.path, 'lease.png');
    writeFileSync(file, await textPage(['Договор аренды склада № 44', 'Арендодатель: ТОО, БИН 150840001234', 'Экибастуз, промзона'], 'clean'));
    const tray = page.getByTestId('scan-tray');
    await tray.getByLabel('Добавить страницы из файла (PDF, JPEG, PNG, TIFF)').setInputFiles(file);
    await tray.getByText('Добавлено страниц из файла: 1.').waitFor();
    await tray.getByText('Текст всех страниц распознан.').waitFor({ timeout: 60_000 });
  } finally {
    dir.remove();
  }
  await page.getByTestId('slot-application').getByRole('button', { name: 'Приложить отсканированные страницы (1)' }).click();
  const warning = page.getByTestId('slot-application').getByTestId('foreign-identifiers');
  await warning.waitFor();
  assert.match((await warning.textContent()) ?? '', /150840001234: это не заявитель и не представитель/);
  await page.getByTestId('slot-application').getByText(/текст распознан/).waitFor();

  await page.getByRole('button', { name: 'Журнал регистрации' }).click();
  await page.getByLabel('Поиск по тексту документов').fill('Экибастуз');
  await page.getByTestId('text-hit').first().waitFor();
  assert.match((await page.getByTestId('text-hit').first().textContent()) ?? '', /\[Экибастуз\]/);
});

test('a long TIFF comes into the tray a page at a time, its progress shown, and the clerk can cancel it', async () => {
  const app = e2e();
  const page = await clerkWithDraft(app);
  const dir = tempDir();
  try {
    const file = join(dir.path, 'archive.tif');
    writeFileSync(file, await multiPageTiff(400));
    const tray = page.getByTestId('scan-tray');
    await tray.getByLabel('Добавить страницы из файла (PDF, JPEG, PNG, TIFF)').setInputFiles(file);
    await tray.getByText(/^Чтение файла: страница \d+ из 400$/).waitFor();
    await tray.getByRole('button', { name: 'Отменить импорт' }).click();
    await tray.getByText('Импорт отменён: из файла ничего не добавлено.').waitFor();
    assert.equal(await page.getByTestId('tray-page').count(), 0);
  } finally {
    dir.remove();
  }
});

test("the administrator allows the copiers' folders; the clerk names one; a scan saved there appears in the tray, a copy of it is turned away with the reason", async () => {
  const app = e2e();
  const folder = tempDir('ajo-copier-');
  const adminPage = await app.open();
  await useRussian(adminPage);
  await login(adminPage, 'admin');
  await adminPage.getByRole('button', { name: 'Папки сканирования' }).click();
  await adminPage.getByLabel('Разрешённые папки (по одной в строке, полный путь)').fill('/etc');
  await adminPage.getByRole('button', { name: 'Сохранить' }).click();
  await adminPage.getByRole('alert').getByText(/это системная или общая папка/).waitFor();
  await adminPage.getByLabel('Разрешённые папки (по одной в строке, полный путь)').fill(folder.path);
  await adminPage.getByRole('button', { name: 'Сохранить' }).click();
  await adminPage.getByText('Правила сохранены.').waitFor();
  await adminPage.close();

  const page = await clerkWithDraft(app);
  try {
    const panel = page.getByTestId('scan-tray').locator('details.hot-folder');
    await panel.getByText('Папка сканирования копира').click();
    await panel.getByText(`Папку можно выбрать внутри: ${folder.path}`).waitFor();
    await panel.getByLabel(/Полный путь к папке/).fill(folder.path);
    await panel.getByRole('button', { name: 'Следить за папкой' }).click();
    await panel.getByText(`Слежу за папкой ${folder.path}.`).waitFor();

    const scan = await textPage(['Справка о регистрации', 'БИН 091240004563'], 'clean');
    writeFileSync(join(folder.path, 'scan0001.png'), scan);
    await app.test.core.checkHotFolders();
    await app.test.core.checkHotFolders();
    await panel.getByText('Из папки копира добавлено страниц: 1.').waitFor();
    await page.getByTestId('tray-page').first().waitFor();

    writeFileSync(join(folder.path, 'copy.png'), scan);
    await app.test.core.checkHotFolders();
    await app.test.core.checkHotFolders();
    await panel.getByText('copy.png: не добавлен — этот файл уже был принят (тот же SHA-256), повторно не добавляется').waitFor();
    assert.equal(await page.getByTestId('tray-page').count(), 1);

    folder.remove();
    await app.test.core.checkHotFolders();
    await panel.locator('[data-testid="hot-folder-state"][data-state="missing"]').waitFor();
    assert.equal(await panel.getByRole('alert').count(), 1);

    // The tray is the clerk's and outlives the screen: the page taken from the folder is dropped.
    await page.getByRole('button', { name: 'Убрать страницу 1' }).click();
    await page.getByTestId('tray-page').waitFor({ state: 'detached' });
  } finally {
    folder.remove();
  }
});

test('manual duplex: fronts then reversed backs are interleaved and the reordering can be undone; a blank back is found and dropped; a page is turned', async () => {
  const app = e2e();
  const page = await clerkWithDraft(app);
  const dir = tempDir();
  try {
    const tray = page.getByTestId('scan-tray');
    const fileInput = tray.getByLabel('Добавить страницы из файла (PDF, JPEG, PNG, TIFF)');
    const add = async (name: string, png: Buffer) => {
      const file = join(dir.path, name);
      writeFileSync(file, png);
      const before = await page.getByTestId('tray-page').count();
      await fileInput.setInputFiles(file);
      // The import is over when its page is shown and the tray takes actions again.
      await page.getByTestId('tray-page').nth(before).waitFor();
      await page.waitForFunction(() => !document.querySelector<HTMLInputElement>('[data-testid="scan-tray"] input[type="file"]')?.disabled);
    };
    // Fronts 1 and 2, then the stack turned over: back 2 (blank) first, then back 1.
    await add('front1.png', await textPage(['Бет 1, алдыңғы жағы']));
    await add('front2.png', await textPage(['Бет 2, алдыңғы жағы']));
    await add('back2.png', await textPage(['.'], 'noisy'));
    await add('back1.png', await textPage(['Бет 1, артқы жағы']));
    await page.getByTestId('tray-page').nth(3).waitFor();
    const scanned = await page.getByTestId('tray-page').evaluateAll((items) => items.map((li) => li.getAttribute('data-page-id')));

    await tray.getByRole('button', { name: 'Собрать двустороннее: обороты в обратном порядке' }).click();
    await tray.getByText('Страницы собраны: лицевая, оборотная, лицевая, оборотная…').waitFor();
    const order = () => page.getByTestId('tray-page').evaluateAll((items) => items.map((li) => li.getAttribute('data-page-id')));
    assert.deepEqual(await order(), [scanned[0], scanned[3], scanned[1], scanned[2]]);
    await tray.getByRole('button', { name: 'Отменить перестановку' }).click();
    await page.waitForFunction((id) => document.querySelectorAll('[data-testid="tray-page"]')[1]?.getAttribute('data-page-id') === id, scanned[1]);
    await tray.getByRole('button', { name: 'Собрать двустороннее: обороты в обратном порядке' }).click();
    await page.waitForFunction((id) => document.querySelectorAll('[data-testid="tray-page"]')[1]?.getAttribute('data-page-id') === id, scanned[3]);

    await tray.getByRole('button', { name: 'Найти пустые страницы' }).click();
    await tray.getByText('Похоже, пустые страницы: 4.').waitFor();
    await tray.getByRole('button', { name: 'Убрать пустые (1)' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="tray-page"]').length === 3);

    await tray.getByRole('button', { name: 'Повернуть страницу 2 по часовой стрелке' }).click();
    await page.getByTestId('tray-page').nth(1).getByText(/исправлена/).waitFor();
    const turned = (app.test.core.ctx.db.prepare('SELECT width, height FROM capture_pages WHERE id = ?').get(scanned[3]) as { width: number; height: number });
    assert.deepEqual([turned.width, turned.height], [3508, 2480]);
    await tray.getByRole('button', { name: 'Вернуть страницу 2 как отсканирована' }).click();
    await page.getByTestId('tray-page').nth(1).getByText(/исправлена/).waitFor({ state: 'detached' });

    // A frame dragged on page 1 from (10 %, 10 %) to (90 %, 80 %) keeps what is inside it.
    const first = page.getByTestId('tray-page').first();
    await first.getByText('Обрезать', { exact: true }).first().click();
    const picker = first.getByTestId('crop-picker');
    await picker.locator('img').waitFor();
    const box = (await picker.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.1);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 4 });
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.8, { steps: 4 });
    await page.mouse.up();
    const margins = await Promise.all(['слева, %', 'сверху, %', 'справа, %', 'снизу, %'].map((side) => first.getByLabel(`Страница 1: обрезать ${side}`).inputValue()));
    assert.deepEqual(margins.map(Number), [10, 10, 10, 20]);
    await first.getByRole('button', { name: 'Обрезать', exact: true }).click();
    await first.getByText(/исправлена/).waitFor();
    const cropped = app.test.core.ctx.db.prepare('SELECT width, height FROM capture_pages WHERE id = ?').get(scanned[0]) as { width: number; height: number };
    assert.ok(Math.abs(cropped.width - 2480 * 0.8) <= 2 && Math.abs(cropped.height - 3508 * 0.7) <= 2, JSON.stringify(cropped));

    await attachTrayToApplication(page, 3);
  } finally {
    dir.remove();
  }
});

test('a feeder batch shows how far it has got, then leaves the tray for a slot as one document', async () => {
  const app = e2e();
  const page = await clerkWithDraft(app);
  // A feeder as slow as a real one: each 32 KiB read waits 25 ms, about a second a page at 300 dpi.
  app.test.saneDevice({ 'read-delay': 'true', 'read-delay-duration': '25000' });
  try {
    const tray = page.getByTestId('scan-tray');
    await tray.getByLabel('Сканер').selectOption('sane:test:0');
    await tray.getByLabel('Откуда').selectOption('feeder');
    await tray.getByLabel('Разрешение').selectOption('300');
    await tray.getByRole('button', { name: 'Сканировать' }).click();
    const progress = tray.getByTestId('scan-progress');
    await progress.getByText(/^Сканирование… получено страниц: [1-9]$/).waitFor();
    await tray.getByText('Отсканировано страниц: 10.').waitFor();
    assert.equal(await progress.count(), 0, 'gone when the scan is over');
    assert.equal(await page.getByTestId('tray-page').count(), 10);
  } finally {
    app.test.saneDevice({});
  }

  await attachTrayToApplication(page, 10);
});
