import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../../main/paths';
import { startWebHost, type WebHost } from '../../main/web-host/server';
import { startTestCore, type TestCore } from '../support/core';
import type { ApiClient } from '../../domain/api/client';
import { samplePdf } from '../support/documents';

export interface E2eApp {
  test: TestCore;
  host: WebHost;
  browser: Browser;
  /** A new browser page opened on the app with the launch token (at `address`, e.g. a journal view's `/?view=journal&…`), in a Russian-locale browser unless told otherwise. */
  open(address?: string, options?: { locale?: string }): Promise<Page>;
  close(): Promise<void>;
}

/** Debian's Chromium, never a downloaded browser; flags keep it off the (closed) network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function startE2eApp(options: Parameters<typeof startTestCore>[0] = {}): Promise<E2eApp> {
  const test = await startTestCore(options);
  const host = await startWebHost({ dispatch: test.core.dispatch, staticDir: join(appRoot(), 'dist', 'renderer') });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    test,
    host,
    browser,
    async open(address = '/', options: { locale?: string } = {}) {
      const context = await browser.newContext({ acceptDownloads: true, locale: options.locale ?? 'ru-RU' });
      const page = await context.newPage();
      await page.goto(`${host.url}${address}#token=${host.token}`);
      return page;
    },
    async close() {
      await browser.close();
      await host.close();
      await test.close();
    },
  };
}

export async function login(page: Page, username: string, password = 'demo-password'): Promise<void> {
  await page.getByLabel(/^(Пайдаланушы аты|Имя пользователя)$/).fill(username);
  await page.getByLabel(/^(Құпиясөз|Пароль)$/).fill(password);
  await page.getByRole('button', { name: /^(Кіру|Войти)$/ }).click();
}

/** As the clerk (Russian UI): looks the legal entity up by BIN and creates a draft application for it. */
export async function createDraftFor(page: Page, bin: string): Promise<void> {
  await page.getByRole('button', { name: 'Новое заявление' }).click();
  await page.getByLabel('БИН/ИИН заявителя').fill(bin);
  await page.getByRole('button', { name: 'Запросить данные' }).click();
  await page.getByTestId('applicant-card').waitFor();
  await page.getByRole('button', { name: 'Создать заявление' }).click();
}

export async function useRussian(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Русский' }).click();
}

/** A new window in which the clerk (Russian UI) has just created a draft for this legal entity. */
export async function clerkWithDraft(app: E2eApp, bin = '091240004563'): Promise<Page> {
  const page = await app.open();
  await useRussian(page);
  await login(page, 'clerk');
  await createDraftFor(page, bin);
  return page;
}

/** One app per test file: started before its tests, closed after them. */
export function e2eAppPerFile(options: Parameters<typeof startTestCore>[0] = {}): () => E2eApp {
  let app: E2eApp | undefined;
  before(async () => {
    app = await startE2eApp(options);
  });
  after(async () => {
    await app?.close();
  });
  return () => {
    if (!app) throw new Error('the e2e app has not started');
    return app;
  };
}

/** The draft just created, taken through the office by its API: documents, registration, executor, checklist. */
export async function throughTheOffice(app: E2eApp, clerk: ApiClient): Promise<{ id: string; journalNumber: string }> {
  const [draft] = await clerk['applications.journal']({ status: 'draft', limit: 1 });
  const detail = await clerk['applications.get']({ id: draft!.id });
  for (const slot of detail.slots.filter((s) => s.required)) {
    await clerk['documents.attach']({ applicationId: detail.id, slotCode: slot.code, fileName: `${slot.code}.pdf`, contentBase64: (await samplePdf(slot.code)).toString('base64') });
  }
  const registered = await clerk['applications.register']({ id: detail.id, ...app.test.clerkKey() });
  const [head, executor] = await Promise.all([app.test.as('head'), app.test.as('executor')]);
  const executorUser = (await head['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!;
  await head['applications.assign']({ id: detail.id, executorId: executorUser.id });
  for (const item of registered.checklist) await executor['checklist.set']({ applicationId: detail.id, itemCode: item.code, met: true, note: '' });
  await executor['applications.submitForDecision']({ id: detail.id });
  return { id: detail.id, journalNumber: registered.journalNumber! };
}

/**
 * axe-core's serious and critical findings on the page as it stands, one line each (rule, what, where).
 * The page's CSP (script-src 'self') refuses a <script> added from elsewhere; code the DevTools protocol
 * evaluates is exempt, so axe's source text runs there.
 */
export async function accessibilityFindings(page: Page): Promise<string[]> {
  const source = readFileSync(join(appRoot(), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  return page.evaluate(async (axeSource) => {
    new Function(axeSource)();
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`);
  }, source);
}

/** A main screen at its size: a screenshot to look at, nothing scrolling sideways, no serious axe-core finding. */
export async function lookAt(page: Page, screen: string, language: 'kk' | 'ru' = 'ru'): Promise<void> {
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${screen}-${language}.png`, fullPage: true });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${screen}: no horizontal overflow`);
  assert.deepEqual(await accessibilityFindings(page), [], `${screen}: axe-core`);
}

/**
 * The head presses a "look at the document" button: the decision's document opens beside the
 * application. Returns the bytes the core made for it, to compare with what is signed.
 */
export async function previewDecision(page: Page, button: string, within: Page | Locator = page): Promise<Buffer> {
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/call') && (r.request().postData() ?? '').includes('"decisions.preview"'));
  await within.getByRole('button', { name: button, exact: true }).click();
  const reply = (await (await answered).json()) as { ok: boolean; result?: { contentBase64: string } };
  assert.ok(reply.ok && reply.result, 'the preview was made');
  await page.getByTestId('document-viewer').locator('[data-rendered-page="1"]').waitFor();
  return Buffer.from(reply.result.contentBase64, 'base64');
}
