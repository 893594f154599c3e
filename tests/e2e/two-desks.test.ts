import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createClient, memorySession, type ApiClient } from '../../domain/api/client';
import { DEMO_AUTHORITY } from '../../main/demo/seed';
import { issueEnrolmentCode } from '../../registry/enrolment/enrolment';
import { startRegistry, type RunningRegistry } from '../../registry/server/serve';
import { samplePdf } from '../support/documents';
import { tempDir } from '../support/temp';
import { trustRootPem } from '../support/registry';
import { publishCalendarYear } from '../../registry/reference/publish';
import { CHROMIUM_ARGS, login, lookAt, previewDecision, useRussian } from './harness';

interface Desk {
  child: ChildProcess;
  launchUrl: string;
  token: string;
  rootPem: string;
  headKeyFile: string;
  clerkKeyFile: string;
  remove: () => void;
}

const DESK = fileURLToPath(new URL('../support/desk-process.ts', import.meta.url));
const registryDir = tempDir('ajo-e2e-registry-');
let registry: RunningRegistry;
let ports: { sync: number; public: number };
let browser: Browser;
const desks: Desk[] = [];

async function startDesk(name: string): Promise<Desk> {
  const dir = tempDir(`ajo-e2e-${name}-`);
  const { code } = await issueEnrolmentCode(registry.db, { authorityBin: DEMO_AUTHORITY.bin, officeCode: DEMO_AUTHORITY.officeCode }, new Date());
  const child = spawn(process.execPath, ['--import', 'tsx', DESK], {
    env: { ...process.env, AJO_DESK_DIR: dir.path, AJO_REGISTRY_URL: registry.url, AJO_REGISTRY_CODE: code, AJO_DESK_NAME: name },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (status) => reject(new Error(`desk ${name} exited with ${status}`)));
  });
  const desk = { child, ...(JSON.parse(line) as Omit<Desk, 'child' | 'remove'>), remove: dir.remove };
  // The registry checks signed licences against the NCA roots it trusts: each desk's demo NCA here.
  await trustRootPem(registry.db, desk.rootPem);
  desks.push(desk);
  return desk;
}

/** The desk's own API over its web host, as its UI calls it (for steps this test does not show in the UI). */
async function apiAs(desk: Desk, username: string): Promise<ApiClient> {
  const origin = new URL(desk.launchUrl).origin;
  const client = createClient(async (envelope) => {
    // As the desk's own page calls it: same origin, the launch token.
    const response = await fetch(`${origin}/api/call`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${desk.token}`, origin }, body: JSON.stringify(envelope) });
    return response.json();
  }, memorySession());
  await client['auth.login']({ username, password: 'demo-password' });
  return client;
}

async function page(desk: Desk, username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'ru-RU', acceptDownloads: true });
  const p = await context.newPage();
  await p.goto(desk.launchUrl);
  await useRussian(p);
  await login(p, username);
  return p;
}

async function logout(p: Page) {
  await p.getByRole('button', { name: 'Выйти' }).click();
}

async function openJournalRow(p: Page, journalNumber: string) {
  await p.getByRole('button', { name: 'Журнал регистрации' }).click();
  await p.getByTestId('journal-row').filter({ hasText: journalNumber }).getByRole('button', { name: /Открыть/ }).click();
}

/** The clerk's intake through the UI: lookup, two documents, registration with the clerk's key. Returns the journal number. */
async function registerInUi(p: Page, desk: Desk): Promise<string> {
  await p.getByRole('button', { name: 'Новое заявление' }).click();
  await p.getByLabel('БИН/ИИН заявителя').fill('150840001234');
  await p.getByRole('button', { name: 'Запросить данные' }).click();
  await p.getByTestId('applicant-card').waitFor();
  await p.getByRole('button', { name: 'Создать заявление' }).click();
  await p.getByTestId('slot-application').locator('input[type=file]').setInputFiles({ name: 'заявление.pdf', mimeType: 'application/pdf', buffer: await samplePdf('Application') });
  await p.getByTestId('slot-application').getByText('заявление.pdf').waitFor();
  await p.getByTestId('slot-fee-receipt').locator('input[type=file]').setInputFiles({ name: 'квитанция.pdf', mimeType: 'application/pdf', buffer: await samplePdf('Fee receipt') });
  await p.getByTestId('slot-fee-receipt').getByText('квитанция.pdf').waitFor();
  await p.getByLabel('Файл ключа ЭЦП (.p12)').setInputFiles(desk.clerkKeyFile);
  await p.getByLabel('Пароль ключа').fill('demo-key-password');
  await p.getByRole('button', { name: 'Зарегистрировать в журнале' }).click();
  const notice = await p.getByRole('status').getByText(/Заявление зарегистрировано: /).textContent();
  return /([A-Z0-9]+-\d{4}-\d{5})/.exec(notice ?? '')![1]!;
}

/** The head: assigns the executor (UI), the executor's checklist (API), then the head signs (UI). Returns the licence number. */
async function assignAndSign(p: Page, desk: Desk, journalNumber: string, applicationId: string): Promise<string> {
  await openJournalRow(p, journalNumber);
  await p.getByLabel('Исполнитель').selectOption({ label: 'Жұмабеков Нұрлан Маратұлы' });
  await p.getByRole('button', { name: 'Назначить исполнителя' }).click();
  await p.getByTestId('application-status').getByText('Назначен исполнитель').waitFor();
  const executor = await apiAs(desk, 'executor');
  const app = await executor['applications.get']({ id: applicationId });
  for (const item of app.checklist) await executor['checklist.set']({ applicationId, itemCode: item.code, met: true, note: '' });
  await executor['applications.submitForDecision']({ id: applicationId });
  await p.reload();
  await useRussian(p);
  await login(p, 'head');
  await openJournalRow(p, journalNumber);
  await p.getByLabel('Файл ключа ЭЦП (.p12)').setInputFiles(desk.headKeyFile);
  await p.getByLabel('Пароль ключа').fill('demo-key-password');
  await previewDecision(p, 'Просмотреть лицензию');
  await p.getByRole('button', { name: 'Подписать лицензию' }).click();
  await p.getByTestId('application-status').getByText('Лицензия выдана').waitFor();
  return (await p.getByTestId('decision-number').textContent()) ?? '';
}

/** Signs in anew until the journal shows the row (the desk pulls from the registry every second). */
async function untilJournalShows(p: Page, desk: Desk, username: string, journalNumber: string) {
  for (let attempt = 0; attempt < 20; attempt++) {
    await p.getByRole('button', { name: 'Журнал регистрации' }).click();
    const row = p.getByTestId('journal-row').filter({ hasText: journalNumber });
    if (await row.waitFor({ timeout: 1500 }).then(() => true, () => false)) return;
    await p.reload();
    await useRussian(p);
    await login(p, username);
  }
  const status = await (await apiAs(desk, 'admin'))['sync.status']({});
  throw new Error(`${journalNumber} never reached this desk's journal: ${JSON.stringify(status)}`);
}

async function idOf(desk: Desk, journalNumber: string): Promise<string> {
  const head = await apiAs(desk, 'head');
  const rows = await head['applications.journal']({ search: journalNumber });
  return rows.find((r) => r.journalNumber === journalNumber)!.id;
}

before(async () => {
  registry = await startRegistry({ dataDir: registryDir.path }, { port: 0, publicPort: 0 });
  ports = { sync: Number(new URL(registry.url).port), public: Number(new URL(registry.publicUrl!).port) };
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  for (const desk of desks) {
    desk.child.kill('SIGTERM');
    await new Promise((resolve) => (desk.child.exitCode !== null ? resolve(null) : desk.child.once('exit', resolve)));
    desk.remove();
  }
  await registry?.close();
  registryDir.remove();
});

test('two desks of one office, then a field desk cut off from the registry: registered on one desk, signed on another; signed offline with a leased number, accepted when the registry is back; a refusal shown with its reason', async () => {
  const [desk1, desk2] = await Promise.all([startDesk('desk-1'), startDesk('desk-2')]);

  // Desk 1: the clerk registers; the registry accepts it and gives its number.
  const clerk = await page(desk1, 'clerk');
  const journalNumber = await registerInUi(clerk, desk1);
  await clerk.getByTestId('application-sync').getByText('Принято реестром').waitFor({ timeout: 20_000 });
  const registryNumber = await clerk.getByTestId('registry-number').textContent();
  assert.match(registryNumber ?? '', /^\d{4}-[A-Z]{3}-\d{8}$/);
  await clerk.getByTestId('sync-indicator').getByText('Реестр доступен').waitFor();

  // Desk 2: the head finds it in the journal (pulled from the registry), assigns, and signs after the executor's checklist.
  const head = await page(desk2, 'head');
  await untilJournalShows(head, desk2, 'head', journalNumber);
  const applicationId = await idOf(desk2, journalNumber);
  const licence = await assignAndSign(head, desk2, journalNumber, applicationId);
  assert.match(licence, /^KZ\d{2}[A-Z]{3}\d{8}$/);
  await head.getByTestId('application-sync').getByText('Принято реестром').waitFor({ timeout: 20_000 });

  // Desk 1 follows: the application it registered is issued.
  await clerk.reload();
  await useRussian(clerk);
  await login(clerk, 'clerk');
  await openJournalRow(clerk, journalNumber);
  await clerk.getByTestId('application-status').getByText('Лицензия выдана').waitFor({ timeout: 20_000 });
  // …and the clerk there prints and hands out the licence signed on desk 2: its signed PDF came with the sync.
  await clerk.getByTestId('decision-number').getByText(licence).waitFor({ timeout: 20_000 });
  const handout = clerk.getByTestId('handout-form');
  await handout.waitFor();
  await clerk.setViewportSize({ width: 1366, height: 768 });
  await lookAt(clerk, 'handout-other-desk', 'ru');
  await clerk.getByRole('button', { name: 'Қазақша' }).click();
  await lookAt(clerk, 'handout-other-desk', 'kk');
  await useRussian(clerk);
  const printed = clerk.waitForEvent('download');
  await clerk.getByTestId('decision').getByRole('button', { name: /Сохранить PDF/ }).click();
  const pdf = readFileSync((await (await printed).path())!);
  const signedThere = await apiAs(desk2, 'head');
  const decisionThere = (await signedThere['applications.get']({ id: applicationId })).decision!;
  assert.equal(pdf.toString('base64'), (await signedThere['decisions.pdf']({ decisionId: decisionThere.id })).contentBase64, 'the very file signed on desk 2');
  await handout.getByLabel('Кому выдано (ФИО)').fill('Ахметов Арман');
  await handout.getByRole('button', { name: 'Отметить выдачу' }).click();
  await clerk.getByText('Выдача отмечена; заявление закрыто.').waitFor();
  const survey = clerk.getByTestId('survey-form');
  await survey.locator('fieldset').nth(0).getByRole('radio', { name: 'удовлетворён', exact: true }).check();
  await survey.locator('fieldset').nth(1).getByRole('radio', { name: 'частично удовлетворён', exact: true }).check();
  await survey.getByRole('button', { name: 'Сохранить ответы анкеты' }).click();
  await clerk.getByText('Ответы анкеты сохранены.').waitFor();
  // The head's desk learns the application is closed, the survey with it (each desk syncs every second).
  const headThere = await apiAs(desk2, 'head');
  let closed = await headThere['applications.get']({ id: applicationId });
  for (let attempt = 0; attempt < 40 && !closed.handout?.survey; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    closed = await headThere['applications.get']({ id: applicationId });
  }
  assert.deepEqual([closed.handout?.recipient, closed.handout?.survey, closed.step], ['Ахметов Арман', { process: 'satisfied', information: 'partly' }, null]);

  // A second application reaches both desks; then the registry goes away.
  const second = await registerInUi(clerk, desk1);
  await clerk.getByTestId('application-sync').getByText('Принято реестром').waitFor({ timeout: 20_000 });
  const secondId = await idOf(desk1, second);
  await head.getByRole('button', { name: 'Журнал регистрации' }).click();
  await untilJournalShows(head, desk2, 'head', second);
  await registry.close();

  // The field desk (desk 1, alone): the clerk registers and the head signs with a number of the leased block.
  await clerk.getByTestId('sync-indicator').getByText('Нет связи с реестром').waitFor({ timeout: 20_000 });
  const offline = await registerInUi(clerk, desk1);
  await clerk.getByTestId('application-sync').getByText(/Ждёт отправки в реестр/).waitFor();
  const offlineId = await idOf(desk1, offline);
  await logout(clerk);
  await login(clerk, 'head');
  const offlineLicence = await assignAndSign(clerk, desk1, offline, offlineId);
  assert.match(offlineLicence, /^KZ\d{2}[A-Z]{3}\d{8}$/);
  // Meanwhile both desks take up the second application, each on its own: desk 1 sends it on to the head…
  const desk1Head = await apiAs(desk1, 'head');
  const desk1Executor = (await desk1Head['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!;
  await desk1Head['applications.assign']({ id: secondId, executorId: desk1Executor.id });
  const desk1ExecutorApi = await apiAs(desk1, 'executor');
  for (const item of (await desk1ExecutorApi['applications.get']({ id: secondId })).checklist) {
    await desk1ExecutorApi['checklist.set']({ applicationId: secondId, itemCode: item.code, met: true, note: '' });
  }
  await desk1ExecutorApi['applications.submitForDecision']({ id: secondId });
  // …while desk 2's head assigns it an executor.
  const desk2Head = await apiAs(desk2, 'head');
  const desk2Executor = (await desk2Head['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!;
  await desk2Head['applications.assign']({ id: secondId, executorId: desk2Executor.id });

  // The registry is back (same data, same address). Desk 1 syncs first (its administrator's "sync now", at once:
  // desk 2 syncs by itself too, and whichever desk's assignment arrives second is the one refused).
  const desk1Admin = await apiAs(desk1, 'admin');
  registry = await startRegistry({ dataDir: registryDir.path }, { port: ports.sync, publicPort: ports.public });
  await desk1Admin['sync.now']({});
  // Meanwhile the registry's administrator published a year of the working calendar for every office.
  await publishCalendarYear(registry.db, { year: 2031, daysOff: ['2031-01-01', '2031-01-02'], workingWeekends: [] });
  const admin = await page(desk1, 'admin');
  await admin.getByRole('button', { name: 'Реестр' }).click();
  await admin.getByRole('button', { name: 'Синхронизировать сейчас' }).click();
  await admin.getByRole('status').getByText('Синхронизация выполнена').waitFor({ timeout: 30_000 });
  await admin.getByTestId('calendar-years').getByText(/2031/).waitFor();
  // The head's window on desk 1 is still on the licence it signed offline: its sync state turns by itself.
  await clerk.getByTestId('application-sync').getByText('Принято реестром').waitFor({ timeout: 20_000 });
  assert.match((await clerk.getByTestId('registry-number').textContent()) ?? '', /^\d{4}-[A-Z]{3}-\d{8}$/);

  // The public check finds the licence signed offline, active.
  const check = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
  await check.goto(`${registry.publicUrl}/check`);
  await check.getByLabel(/Нөмірі \/ Номер/).fill(offlineLicence);
  await check.getByRole('button', { name: /Проверить/ }).click();
  await check.getByText('Лицензия қолданыста / Лицензия действует').waitFor();

  // Desk 2's assignment came second: the registry refused it, and the application says so, and why.
  const desk2Admin = await page(desk2, 'admin');
  await desk2Admin.getByRole('button', { name: 'Реестр' }).click();
  await desk2Admin.getByRole('button', { name: 'Синхронизировать сейчас' }).click();
  await desk2Admin.getByRole('status').getByText('Синхронизация выполнена').waitFor({ timeout: 30_000 });
  await head.reload();
  await useRussian(head);
  await login(head, 'head');
  await openJournalRow(head, second);
  await head.getByTestId('application-sync').getByText('Отклонено реестром').waitFor({ timeout: 20_000 });
  await head.getByTestId('sync-rejection').getByText(/назначение исполнителя — в реестре заявление уже в другом состоянии/).waitFor();
});
