import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listUsers } from '../../db/repositories/users';
import { databasePath } from '../../main/storage';
import { fillJournal } from '../../scripts/journal-fixture';
import { e2eAppPerFile, login, lookAt, useRussian } from './harness';

const e2e = e2eAppPerFile();

/** The journal over 100,000 applications: filters, the deadline order, paging by scrolling, the view in the address. */
test('the head filters and pages the journal over 100,000 applications, and reopens the view from its address', { timeout: 300_000 }, async () => {
  const app = e2e();
  const users = listUsers(app.test.core.ctx.db);
  const executors = users.filter((u) => u.roles.includes('executor') && !u.disabled);
  fillJournal(databasePath(app.test.dataDir), { applications: 100_000, userId: users.find((u) => u.roles.includes('head'))!.id, executorIds: executors.map((u) => u.id), keepIndexes: true });
  const db = app.test.core.ctx.db;
  const count = (where: string, ...params: unknown[]) => db.prepare(`SELECT count(*) FROM applications WHERE ${where}`).pluck().get(...params) as number;
  const digits = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

  const page = await app.open();
  await useRussian(page);
  await login(page, 'head');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('button', { name: 'Журнал регистрации' }).click();
  const counted = page.getByTestId('journal-count');
  await counted.getByText(/Найдено: 100\s000/).waitFor();
  // On a 1366×768 screen the journal shows a dozen rows at least, wholly in sight (short service names; the full one on hover).
  await page.getByTestId('journal-row').first().waitFor();
  const inSight = await page.getByTestId('journal-row').evaluateAll((rows) => rows.filter((r) => r.getBoundingClientRect().top >= 0 && r.getBoundingClientRect().bottom <= window.innerHeight).length);
  assert.ok(inSight >= 12, `rows in sight at 1366×768: ${inSight}`);
  // The journal number and the due date are never cut short.
  const cut = await page.getByTestId('journal-row').first().evaluate((row) => [0, 5].map((i) => row.children[i] as HTMLElement).filter((cell) => cell.scrollWidth > cell.clientWidth).map((cell) => cell.innerText));
  assert.deepEqual(cut, []);
  await lookAt(page, 'journal-1366');

  // Issued scrap-metal licences: tens of thousands. Scrolling brings the next pages; only what is in sight is drawn.
  await page.getByLabel('Статус').selectOption({ label: 'Выдано (лицензия или заключение)' });
  await page.getByLabel('Услуга').selectOption('scrap-metal');
  const issued = count("status = 'issued' AND service_code = 'scrap-metal'");
  await counted.getByText(new RegExp(`Найдено: ${issued.toLocaleString('ru-RU').replace(/\s/g, '\\s')}`)).waitFor();
  const scroller = page.getByTestId('journal-scroll');
  for (let i = 0; i < 4; i++) {
    await scroller.evaluate((box) => box.scrollTo({ top: box.scrollHeight }));
    await page.waitForTimeout(150);
  }
  await counted.getByText(/показано [3-9]00/).waitFor();
  const drawn = await page.getByTestId('journal-row').count();
  assert.ok(drawn < 80, `a virtual list draws what is in sight, not every loaded row: ${drawn}`);
  assert.ok(digits(await counted.textContent()) > 0);

  // Assigned ones registered in November 2026 (the office's open work is its newest), the soonest deadline first.
  await page.getByLabel('Статус').selectOption({ label: 'Назначен исполнитель' });
  await page.getByLabel('Зарегистрировано с').fill('01.11.2026');
  await page.getByLabel('Зарегистрировано с').press('Enter');
  await page.getByLabel('по', { exact: true }).fill('30.11.2026');
  await page.getByLabel('по', { exact: true }).press('Enter');
  await page.getByLabel('Порядок').selectOption('due');
  const quarter = count(
    "status = 'assigned' AND service_code = 'scrap-metal' AND coalesce(registered_at, created_at) >= ? AND coalesce(registered_at, created_at) < ? AND due_date IS NOT NULL",
    '2026-10-31T19:00:00.000Z',
    '2026-11-30T19:00:00.000Z',
  );
  assert.ok(quarter > 0, 'the fixture has such applications');
  await counted.getByText(new RegExp(`^Найдено: ${quarter}\\b`)).waitFor();
  const dues = await page.getByTestId('journal-row').evaluateAll((rows) => rows.map((r) => (r.children[5] as HTMLElement).innerText.trim()));
  const asIso = (d: string) => d.split('.').reverse().join('-');
  assert.deepEqual(dues.map(asIso), [...dues.map(asIso)].sort(), 'soonest deadline first');
  await lookAt(page, 'journal-100k');

  // The view is in the address: opened again, it comes back as it was.
  const address = new URL(page.url());
  assert.equal(address.searchParams.get('view'), 'journal');
  assert.deepEqual(
    ['status', 'serviceCode', 'from', 'to', 'sort'].map((k) => address.searchParams.get(k)),
    ['assigned', 'scrap-metal', '2026-11-01', '2026-11-30', 'due'],
  );
  const again = await app.open(`${address.pathname}${address.search}`);
  await login(again, 'head');
  await again.setViewportSize({ width: 1366, height: 768 });
  await again.getByTestId('journal-count').getByText(new RegExp(`^Табылғаны: ${quarter}\\b`)).waitFor();
  assert.equal(await again.getByLabel('Мәртебесі').inputValue(), 'assigned');
  assert.equal(await again.getByLabel('Тіркелген күні, бастап').inputValue(), '01.11.2026');
  await lookAt(again, 'journal-100k', 'kk');

  // A day that does not exist is refused beside the field, and the view stays as it was.
  await again.getByLabel('дейін', { exact: true }).fill('31.02.2026');
  await again.getByLabel('дейін', { exact: true }).press('Enter');
  await again.getByRole('alert').getByText(/мұндай күн жоқ/).waitFor();
  assert.equal(new URL(again.url()).searchParams.get('to'), '2026-11-30');

  // A click on a row other than the active one opens it the first time (a focus's re-render once swallowed it).
  const third = again.getByTestId('journal-row').nth(2);
  const number = (await third.locator('td').first().innerText()).trim();
  await third.getByRole('button', { name: /Ашу/ }).click();
  await again.getByRole('heading', { name: new RegExp(number) }).waitFor({ timeout: 5_000 });
});
