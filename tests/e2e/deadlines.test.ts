import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { e2eAppPerFile, login, useRussian } from './harness';
import { headKey, registeredApplication } from '../support/workflow';

/** The office's clock, moved by the test: Friday 12 March 2027, 15:00, before Constitution Day (Monday 15 March). */
let now = Date.parse('2027-03-12T15:00:00+05:00');
const e2e = e2eAppPerFile({ now: () => new Date(now), idleSessionMs: 30 * 86_400_000 });

async function myWork(page: Page) {
  // Another screen and back: the queue is read anew (and the deadline alerts looked at again).
  await page.getByRole('button', { name: 'Журнал регистрации' }).click();
  await page.getByRole('button', { name: 'Мои задачи' }).click();
  return page.getByTestId('work-row').first();
}

test('a Friday-afternoon application before a holiday: its due times, at-risk then overdue in the head’s queue, and the hand-out with the survey', async () => {
  const app = e2e();
  const clerkApi = await app.test.as('clerk');
  // In person (the demo PoA has run out by 2027).
  const registered = await registeredApplication(app.test, clerkApi, { kind: 'none' });

  // The head signs in to "my work": the assignment is due on Tuesday 09:30 (3½ hours on Friday, Monday off).
  const head = await app.open();
  await useRussian(head);
  await login(head, 'head');
  const row = head.getByTestId('work-row').filter({ hasText: registered.journalNumber! });
  await row.waitFor();
  const badge = row.getByTestId('step-badge');
  assert.match((await badge.textContent()) ?? '', /Назначение исполнителя · до 16\.03\.2027, 09:30 · в срок/);
  assert.equal(await badge.getAttribute('data-urgency'), 'on-time');

  await row.getByRole('button', { name: /Открыть/ }).click();
  const steps = head.getByTestId('steps-panel');
  await steps.waitFor();
  assert.match((await steps.textContent()) ?? '', /Срок по закону \(решение\)2027-04-08/, '15 working days, over Constitution Day and Nauryz');
  assert.match((await head.getByTestId('calendar-provisional').textContent()) ?? '', /2027/, '2027 is drawn up before its decree: said beside the deadlines');
  assert.equal(await head.getByTestId('step-holder').textContent(), 'руководитель');

  // Tuesday 09:00: 3½ of 4 working hours spent — at risk. 09:31: overdue, and the head is told.
  now = Date.parse('2027-03-16T09:00:00+05:00');
  let first = await myWork(head);
  await first.getByTestId('step-badge').and(head.locator('[data-urgency="at-risk"]')).waitFor();
  assert.match((await first.textContent()) ?? '', /срок на исходе/);
  await head.getByTestId('deadline-alert').filter({ hasText: 'Срок на исходе' }).waitFor();
  now = Date.parse('2027-03-16T09:31:00+05:00');
  first = await myWork(head);
  await first.getByTestId('step-badge').and(head.locator('[data-urgency="overdue"]')).waitFor();
  const alert = head.getByTestId('deadline-alert').filter({ hasText: 'Просрочено' });
  await alert.waitFor();
  assert.match((await alert.textContent()) ?? '', new RegExp(`Просрочено: ${registered.journalNumber} — Назначение исполнителя, срок был 16\\.03\\.2027, 09:30`));
  // In Kazakh too.
  await head.getByRole('button', { name: 'Қазақша' }).click();
  await head.getByText('мерзімі өтті').first().waitFor();
  await useRussian(head);

  // Through the office by its API: assigned, complete, checked, signed.
  const headApi = await app.test.as('head');
  const executorApi = await app.test.as('executor');
  const executor = (await headApi['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!;
  await headApi['applications.assign']({ id: registered.id, executorId: executor.id });
  await executorApi['applications.confirmComplete']({ id: registered.id });
  for (const item of registered.checklist) await executorApi['checklist.set']({ applicationId: registered.id, itemCode: item.code, met: true, note: '' });
  await executorApi['applications.submitForDecision']({ id: registered.id });
  now = Date.parse('2027-03-17T11:00:00+05:00');
  await headApi['decisions.issueLicence']({ applicationId: registered.id, ...headKey(app.test) });

  // The clerk hands the licence to the representative and records the applicant's survey.
  now = Date.parse('2027-03-17T11:25:00+05:00');
  const clerk = await app.open();
  await useRussian(clerk);
  await login(clerk, 'clerk');
  const handOutRow = clerk.getByTestId('work-row').filter({ hasText: registered.journalNumber! });
  assert.match((await handOutRow.getByTestId('step-badge').textContent()) ?? '', /Выдача результата/);
  await handOutRow.getByRole('button', { name: /Открыть/ }).click();
  const form = clerk.getByTestId('handout-form');
  await form.waitFor();
  await form.getByLabel('Когда выдано').fill('2027-03-17T11:20');
  await form.getByRole('button', { name: 'Отметить выдачу' }).click();
  await clerk.getByText('Выдача отмечена; заявление закрыто.').waitFor();
  assert.match((await clerk.getByTestId('handout').textContent()) ?? '', /Выдано 17\.03\.2027, 11:20: .+ \(лично заявителю\)/);
  const survey = clerk.getByTestId('survey-form');
  await survey.getByRole('group', { name: /качеством процесса/ }).getByLabel('удовлетворён', { exact: true }).check();
  await survey.getByRole('group', { name: /качеством информации/ }).getByLabel('частично удовлетворён').check();
  await survey.getByRole('button', { name: 'Сохранить ответы анкеты' }).click();
  await clerk.getByTestId('survey').waitFor();
  assert.match((await clerk.getByTestId('survey').textContent()) ?? '', /удовлетворён.*частично удовлетворён/s);
  assert.match((await clerk.getByTestId('steps-panel').textContent()) ?? '', /Заявление закрыто: результат выдан\./);

  const stored = await headApi['applications.get']({ id: registered.id });
  assert.deepEqual(stored.handout?.survey, { process: 'satisfied', information: 'partly' });
  assert.equal(stored.handout?.handedAt, new Date('2027-03-17T11:20:00+05:00').toISOString());
  assert.deepEqual(
    stored.steps.map((s) => [s.code, s.overran]),
    [['register', false], ['assign', true], ['completeness', false], ['prepare', false], ['sign', false], ['hand-out', false]],
  );
});

test('documents incomplete: the executor prepares a refusal of further consideration in the completeness check, the head signs it', async () => {
  const app = e2e();
  now = Date.parse('2027-03-18T10:00:00+05:00');
  const registered = await registeredApplication(app.test, await app.test.as('clerk'), { kind: 'none' });
  const headApi = await app.test.as('head');
  const executorUser = (await headApi['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!;
  await headApi['applications.assign']({ id: registered.id, executorId: executorUser.id });

  const executor = await app.open();
  await useRussian(executor);
  await login(executor, 'executor');
  const row = executor.getByTestId('work-row').filter({ hasText: registered.journalNumber! });
  // Two working days from Friday: Nauryz (22–23 March and the 24th carried) comes between.
  assert.match((await row.getByTestId('step-badge').textContent()) ?? '', /Проверка полноты документов · до 25\.03\.2027, 18:30/);
  await row.getByRole('button', { name: /Открыть/ }).click();
  const panel = executor.getByTestId('incomplete-panel');
  await panel.getByLabel('Документ, подтверждающий уплату лицензионного сбора').check();
  await panel.getByLabel('Обоснование').fill('Квитанция об уплате сбора не читается');
  await panel.getByRole('button', { name: 'Подготовить отказ в дальнейшем рассмотрении' }).click();
  await executor.getByText('Отказ в дальнейшем рассмотрении передан руководителю на подпись.').waitFor();

  const head = await app.open();
  await useRussian(head);
  await login(head, 'head');
  await head.getByTestId('work-row').filter({ hasText: registered.journalNumber! }).getByRole('button', { name: /Открыть/ }).click();
  const proposal = head.getByTestId('consideration-refusal-proposal');
  await proposal.getByText('Документ, подтверждающий уплату лицензионного сбора').waitFor();
  await proposal.getByLabel('Файл ключа ЭЦП (.p12)').setInputFiles(app.test.pki.headKeyFile);
  await proposal.getByLabel('Пароль ключа').fill('demo-key-password');
  await proposal.getByRole('button', { name: 'Подписать отказ в дальнейшем рассмотрении' }).click();
  await head.getByTestId('decision').getByText('Мотивированный отказ в дальнейшем рассмотрении').waitFor();
  assert.match((await head.getByTestId('decision-number').textContent()) ?? '', /-R\d{5}$/);
  assert.match((await head.getByTestId('steps-panel').textContent()) ?? '', /Выдача результата/);

  // The audit screen: the chain intact, and the refusal among the decisions, signed by the head here.
  await head.getByRole('button', { name: 'Аудит' }).click();
  assert.match((await head.getByTestId('audit-chain').textContent()) ?? '', /Цепочка записей цела: \d+ записей/);
  await head.getByLabel('Действие').selectOption({ label: 'решения' });
  await head.getByLabel('№ заявления в журнале').fill(registered.journalNumber!);
  await head.getByRole('button', { name: 'Показать' }).click();
  const entry = head.getByTestId('audit-entry').filter({ hasText: 'Отказ подписан (ЭЦП)' });
  await entry.waitFor();
  assert.match((await entry.textContent()) ?? '', /Сәрсенбаев Қайрат Болатұлы.*это/);
  assert.equal(await head.getByTestId('audit-entry').count(), 1);
});
