import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { e2eAppPerFile, lookAt, useRussian } from './harness';

const e2e = e2eAppPerFile();

/** Presses Tab until the focused element is the one described (at most `limit` times), as a keyboard user moves. */
async function tabTo(page: Page, described: string, isIt: (el: Element) => boolean, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`(${isIt.toString()})(document.activeElement)`)) return;
  }
  assert.fail(`Tab never reached ${described}`);
}

/** Signs in with the keyboard only: the name, Tab, the password, Enter. */
async function keyboardLogin(page: Page, username: string) {
  await page.getByLabel(/^(Пайдаланушы аты|Имя пользователя)$/).focus();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type('demo-password');
  await page.keyboard.press('Enter');
}

test('intake, the journal and the checklist work without a mouse; the shortcuts are listed in a help overlay', { timeout: 240_000 }, async () => {
  const app = e2e();
  const clerk = await app.open();
  await useRussian(clerk);
  await clerk.setViewportSize({ width: 1366, height: 768 });
  await keyboardLogin(clerk, 'clerk');
  await clerk.getByRole('heading', { name: 'Мои задачи' }).waitFor();

  // The help overlay lists the shortcuts; Esc closes it.
  await clerk.keyboard.press('F1');
  const help = clerk.getByTestId('shortcuts-help');
  await help.getByRole('heading', { name: 'Клавиши' }).waitFor();
  assert.match(await help.innerText(), /Alt\+N\s+Новое заявление/);
  await lookAt(clerk, 'shortcuts-help');
  await clerk.keyboard.press('Escape');
  assert.equal(await help.isVisible(), false);

  // Intake: Alt+N, the BIN typed, Enter asks the databases, Tab to "create", Enter.
  await clerk.keyboard.press('Alt+KeyN');
  await clerk.getByRole('heading', { name: 'Новое заявление' }).waitFor();
  await clerk.keyboard.type('150840001234');
  await clerk.keyboard.press('Enter');
  await clerk.getByTestId('applicant-card').waitFor();
  await lookAt(clerk, 'intake');
  await tabTo(clerk, '"Создать заявление"', (el) => el.textContent === 'Создать заявление');
  await clerk.keyboard.press('Enter');
  await clerk.getByText('Черновик', { exact: true }).waitFor();
  // The draft with its document slots and the scanner panel, in both languages.
  await clerk.getByTestId('slot-application').waitFor();
  await lookAt(clerk, 'application-draft');
  await clerk.getByRole('button', { name: 'Қазақша' }).click();
  await clerk.getByText('Жоба', { exact: true }).waitFor();
  await lookAt(clerk, 'application-draft', 'kk');
  await clerk.getByRole('button', { name: 'Русский' }).click();

  // The journal: Alt+J, "/" to its search, Tab to the rows, ↓ and Enter open one.
  const clerkApi = await app.test.as('clerk');
  const [draft] = await clerkApi['applications.journal']({ status: 'draft', limit: 1 });
  await clerk.keyboard.press('Alt+KeyJ');
  await clerk.getByRole('heading', { name: 'Журнал регистрации' }).waitFor();
  // The journal's rows drawn: its shortcuts are listening (a key pressed while the screen still mounts would be lost on a busy machine).
  await clerk.getByTestId('journal-count').waitFor();
  await clerk.keyboard.press('/');
  await clerk.waitForFunction(() => document.activeElement?.id === 'journal-search', undefined, { timeout: 5_000 });
  await clerk.keyboard.type('150840001234');
  await clerk.getByTestId('journal-count').getByText(/Найдено: 1\b/).waitFor();
  await tabTo(clerk, 'a journal row', (el) => el.tagName === 'TR');
  await clerk.keyboard.press('Enter');
  await clerk.getByRole('heading', { name: /Заявление/ }).waitFor();
  assert.equal(draft!.status, 'draft');

  // The checklist: an executor answers each requirement from the keyboard (Tab to it, Space).
  const registered = await (async () => {
    const detail = await clerkApi['applications.get']({ id: draft!.id });
    const { samplePdf } = await import('../support/documents');
    for (const slot of detail.slots.filter((s) => s.required)) {
      await clerkApi['documents.attach']({ applicationId: detail.id, slotCode: slot.code, fileName: `${slot.code}.pdf`, contentBase64: (await samplePdf(slot.code)).toString('base64') });
    }
    return clerkApi['applications.register']({ id: detail.id, ...app.test.clerkKey() });
  })();
  const head = await app.test.as('head');
  const executorUser = (await head['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!;
  await head['applications.assign']({ id: registered.id, executorId: executorUser.id });

  const executor = await app.open();
  await useRussian(executor);
  await executor.setViewportSize({ width: 1366, height: 768 });
  await keyboardLogin(executor, 'executor');
  await executor.getByRole('heading', { name: 'Мои задачи' }).waitFor();
  await executor.keyboard.press('Alt+KeyJ');
  await executor.getByTestId('journal-count').getByText(/Найдено: 1\b/).waitFor();
  await tabTo(executor, 'a journal row', (el) => el.tagName === 'TR');
  await executor.keyboard.press('Enter');
  for (const item of registered.checklist) {
    await tabTo(executor, `the first answer of ${item.code}`, new Function('el', `return el.name === 'check-${item.code}'`) as (el: Element) => boolean);
    await executor.keyboard.press('Space');
    await executor.getByTestId(`check-state-${item.code}`).getByText('✓ Сохранено').waitFor();
  }
  const stored = app.test.core.ctx.db.prepare('SELECT met FROM checklist WHERE application_id = ?').all(registered.id) as { met: number }[];
  assert.deepEqual(stored.map((r) => r.met), registered.checklist.map(() => 1), 'every requirement answered "met" from the keyboard');
});
