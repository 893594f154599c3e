import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { accessibilityFindings, e2eAppPerFile, login, lookAt, previewDecision, useRussian } from './harness';
import { headKey, registeredApplication } from '../support/workflow';

/** The office's clock, moved by the test: Friday 12 March 2027, 15:00, before Constitution Day (Monday 15 March). */
let now = Date.parse('2027-03-12T15:00:00+05:00');
const e2e = e2eAppPerFile({ now: () => new Date(now), idleSessionMs: 30 * 86_400_000 });

/** A figure of the head's dashboard (its table beside the chart), read afresh. */
async function dashboardFigure(page: Page, key: string) {
  await page.getByRole('button', { name: 'Журнал регистрации' }).click();
  await page.getByRole('button', { name: 'Панель руководителя' }).click();
  await page.getByTestId('figures-now').waitFor();
  return (await page.locator(`[data-figure="${key}"]`).textContent())?.trim();
}

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
  assert.match((await steps.textContent()) ?? '', /Срок по закону \(решение\)08\.04\.2027/, '15 working days, over Constitution Day and Nauryz (a date as the Russian UI writes it)');
  assert.match((await head.getByTestId('calendar-provisional').textContent()) ?? '', /2027/, '2027 is drawn up before its decree: said beside the deadlines');
  assert.equal(await head.getByTestId('step-holder').textContent(), 'руководитель');

  // Tuesday 09:00: 3½ of 4 working hours spent — at risk. 09:31: overdue, and the head is told.
  now = Date.parse('2027-03-16T09:00:00+05:00');
  let first = await myWork(head);
  await first.getByTestId('step-badge').and(head.locator('[data-urgency="at-risk"]')).waitFor();
  assert.match((await first.textContent()) ?? '', /срок на исходе/);
  await head.getByTestId('deadline-alert').filter({ hasText: 'Срок на исходе' }).waitFor();
  assert.equal(await dashboardFigure(head, 'now:at-risk:assign'), '1', 'at risk on the dashboard too');
  assert.equal(await dashboardFigure(head, 'now:overdue:assign'), '0');
  now = Date.parse('2027-03-16T09:31:00+05:00');
  first = await myWork(head);
  await first.getByTestId('step-badge').and(head.locator('[data-urgency="overdue"]')).waitFor();
  const alert = head.getByTestId('deadline-alert').filter({ hasText: 'Просрочено' });
  await alert.waitFor();
  assert.match((await alert.textContent()) ?? '', new RegExp(`Просрочено: ${registered.journalNumber} — Назначение исполнителя, срок был 16\\.03\\.2027, 09:30`));
  // On the dashboard: overdue; a click on its bar lists the application.
  assert.equal(await dashboardFigure(head, 'now:overdue:assign'), '1');
  assert.equal(await head.locator('[data-figure="now:at-risk:assign"]').textContent(), '0');
  await head.getByTestId('chart-now').locator('path[fill="#b03a2e"]').first().click({ force: true }); // the bar (legend icons come after; its label lies over it)
  await head.getByTestId('dashboard-list').getByText('Назначение исполнителя · просрочено').waitFor();
  assert.equal(await head.getByTestId('dashboard-list-row').count(), 1);
  assert.match((await head.getByTestId('dashboard-list-row').textContent()) ?? '', new RegExp(registered.journalNumber!));
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
  await form.getByLabel('Когда выдано').fill('17.03.2027');
  await form.getByLabel('Время выдачи').fill('11:20');
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
  // An attempt with a wrong password first (as another window could make it): refused, nothing signed — and the attempt is in the audit.
  await assert.rejects(
    headApi['decisions.refuseConsideration']({ applicationId: registered.id, keyFileBase64: readFileSync(app.test.pki.headKeyFile).toString('base64'), keyPassword: 'not-the-password' }),
    { code: 'signing-refused', reason: 'key-wrong-password' },
  );
  await proposal.getByLabel('Пароль ключа').fill('demo-key-password');
  const looked = await previewDecision(head, 'Просмотреть отказ', proposal);
  assert.match(looked.toString('latin1'), /%PDF-/);
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
  // The details in plain words, as labelled fields: never a code or JSON.
  assert.match((await entry.textContent()) ?? '', /Номер\s*KRG-\d{4}-R\d{5}/);
  const refused = head.getByTestId('audit-entry').filter({ hasText: 'Подпись решения отклонена (ничего не подписано)' });
  await refused.waitFor();
  assert.match((await refused.textContent()) ?? '', /Вид\s*отказ в дальнейшем рассмотрении\s*Причина\s*неверный пароль ключа/);
  assert.equal(await head.getByTestId('audit-entry').count(), 2, 'the refused attempt and the signed refusal');
  for (const row of await head.getByTestId('audit-entry').allTextContents()) assert.doesNotMatch(row, /[{}"]|pdfSha256|decisionId|AJO1/, row);
  await head.setViewportSize({ width: 1366, height: 768 });
  await lookAt(head, 'audit', 'ru');
  await head.getByRole('button', { name: 'Қазақша' }).click();
  await head.getByTestId('audit-entry').filter({ hasText: 'Шешімге қол қою қабылданбады' }).waitFor();
  await lookAt(head, 'audit', 'kk');
});

test('the head’s dashboard in Kazakh and Russian: charts drawn, every figure the database’s, screenshots taken', async () => {
  const app = e2e();
  now = Date.parse('2027-03-18T16:00:00+05:00');
  const db = app.test.core.ctx.db;
  const headApi = await app.test.as('head');
  const rows = <T,>(sql: string) => db.prepare(sql).all() as T[];
  const kzMonth = "strftime('%Y-%m', x, '+5 hours')";

  // The figures as the database has them, counted here from the tables themselves (not from the dashboard's totals).
  const expected = new Map<string, string>();
  for (const r of rows<{ m: string; service: string; n: number }>(`SELECT ${kzMonth.replace('x', 'registered_at')} AS m, service_code AS service, count(*) AS n FROM applications WHERE registered_at IS NOT NULL GROUP BY 1, 2`))
    expected.set(`flow:received:${r.m}:${r.service}`, String(r.n));
  for (const r of rows<{ m: string; kind: string; service: string; n: number }>(`SELECT ${kzMonth.replace('x', 'd.signed_at')} AS m, d.kind, a.service_code AS service, count(*) AS n FROM decisions d JOIN applications a ON a.id = d.application_id GROUP BY 1, 2, 3`))
    expected.set(`flow:${r.kind === 'licence' ? 'issued' : 'refused'}:${r.m}:${r.service}`, String(r.n));
  for (const r of rows<{ step: string; n: number; late: number }>('SELECT step, count(*) AS n, sum(ended_at > due_at) AS late FROM application_steps WHERE ended_at IS NOT NULL GROUP BY step')) {
    expected.set(`steps:ended:${r.step}`, String(r.n));
    expected.set(`steps:late:${r.step}`, String(r.late));
  }
  for (const q of ['process', 'information'])
    for (const r of rows<{ answer: string; n: number }>(`SELECT survey_${q} AS answer, count(*) AS n FROM handouts WHERE survey_at IS NOT NULL GROUP BY 1`)) expected.set(`survey:${q}:${r.answer}`, String(r.n));
  // The open steps judged one by one, as each application's own view judges them.
  const open = rows<{ id: string; step: string }>('SELECT application_id AS id, step FROM application_steps WHERE ended_at IS NULL');
  assert.ok(open.length > 0, 'something waits');
  const judged = new Map<string, number>();
  for (const o of open) {
    const urgency = (await headApi['applications.get']({ id: o.id })).step!.urgency;
    judged.set(`now:${urgency}:${o.step}`, (judged.get(`now:${urgency}:${o.step}`) ?? 0) + 1);
  }
  for (const [key, count] of judged) expected.set(key, String(count));

  const head = await app.open();
  await head.setViewportSize({ width: 1366, height: 768 });
  await useRussian(head);
  await login(head, 'head');
  for (const language of ['ru', 'kk'] as const) {
    if (language === 'kk') await head.getByRole('button', { name: 'Қазақша' }).click();
    await head.getByRole('button', { name: language === 'ru' ? 'Панель руководителя' : 'Басшы панелі' }).first().click();
    await head.getByTestId('figures-survey').waitFor();
    // Every figure the database has is on the screen, and every count on the screen is the database's (0 where it has none).
    const shown = new Map(
      await head.locator('[data-figure]').evaluateAll((cells) => cells.map((c) => [c.getAttribute('data-figure')!, c.textContent!.trim()] as [string, string])),
    );
    for (const [key, value] of expected) if (!key.startsWith('flow:') || key.includes(':2027-')) assert.equal(shown.get(key), value, `${language} ${key}`);
    for (const [key, value] of shown) if (/^(flow|now|survey|steps:(ended|late)):/.test(key)) assert.equal(value, expected.get(key) ?? '0', `${language} ${key}`);
    // Each chart is drawn: bars (SVG paths) and its legend in the language.
    for (const chart of ['flow', 'now', 'steps', 'executors', 'survey']) {
      assert.ok((await head.getByTestId(`chart-${chart}`).locator('svg path').count()) > 3, `${chart} drawn`);
    }
    const legend = (await head.getByTestId('chart-flow').locator('svg').textContent()) ?? '';
    assert.match(legend, language === 'ru' ? /Поступило.*Выдано лицензий и заключений.*Отказано/s : /Түсті.*Берілген лицензиялар мен қорытындылар.*Бас тартылды/s);
    // Dates and figures as the language writes them, in both: Chromium holds no Kazakh ICU data (root's 2027-03-18, 45.3).
    assert.match(await head.getByTestId('dashboard-at').innerText(), /\b\d\d\.\d\d\.\d{4}, \d\d:\d\d\b/, `${language}: the moment`);
    assert.match(await head.locator('[data-figure^="steps:mean:"]').first().innerText(), /^\d+,\d$/, `${language}: a decimal comma`);
    assert.deepEqual(await accessibilityFindings(head), [], `${language}: axe-core on the dashboard`);
    const shot = await head.screenshot({ path: `test-results/screenshots/dashboard-${language}.png`, fullPage: true });
    assert.ok(shot.length > 30_000, 'a screenshot with something on it');
    // Nothing spills out sideways at 1366 px.
    assert.ok(await head.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${language}: no horizontal overflow`);
  }
});
