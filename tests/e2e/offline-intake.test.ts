import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { test } from 'node:test';
import { e2eAppPerFile, login, previewDecision, throughTheOffice, useRussian } from './harness';

const e2e = e2eAppPerFile();

test('with the gateway down the clerk registers an application "not verified"; once it answers the difference is shown, and the licence is signed only after the clerk takes the database’s data', async () => {
  const app = e2e();
  mkdirSync('test-results/screenshots', { recursive: true });
  const clerk = await app.open();
  await useRussian(clerk);
  await login(clerk, 'clerk');
  await clerk.setViewportSize({ width: 1366, height: 768 });

  app.test.simulators.setUnreachable(true);
  await clerk.getByRole('button', { name: 'Новое заявление' }).click();
  await clerk.getByLabel('БИН/ИИН заявителя').fill('150840001234');
  await clerk.getByRole('button', { name: 'Запросить данные' }).click();
  // Told in those words — not "not found" — and offered to enter the data by hand.
  await clerk.getByRole('alert').getByText(/шлюз государственных баз данных не отвечает \(нет связи\)/).waitFor();
  const create = clerk.getByRole('button', { name: 'Создать заявление' });
  assert.equal(await create.isDisabled(), true);
  await clerk.getByRole('button', { name: 'Ввести данные вручную' }).click();
  await clerk.getByLabel('Наименование (ФИО) — как в документах').fill('ТОО «Атырау Металл»');
  assert.equal(await create.isDisabled(), true, 'the address is still missing');
  await clerk.getByLabel('Адрес', { exact: true }).fill('Атырау қ., Өндіріс к-сі, 12');
  await clerk.screenshot({ path: 'test-results/screenshots/intake-manual-ru.png', fullPage: true });
  await create.click();
  await clerk.getByTestId('applicant-unverified').getByText('не проверено').waitFor();
  await clerk.getByTestId('identity-applicant').getByText('не проверено — шлюз не отвечал (нет связи со шлюзом)').waitFor();

  const clerkApi = await app.test.as('clerk');
  const { journalNumber } = await throughTheOffice(app, clerkApi);

  // The gateway answers again; the head, about to sign, asks the databases now.
  app.test.simulators.setUnreachable(false);
  await app.test.core.ctx.identity.idle();
  const head = await app.open();
  await useRussian(head);
  await login(head, 'head');
  await head.setViewportSize({ width: 1366, height: 768 });
  await head.getByRole('button', { name: 'Журнал регистрации' }).click();
  // The journal marks it too, so the head sees which applications wait on the databases.
  await head.getByTestId('journal-row').filter({ hasText: journalNumber }).getByTestId('row-unverified').getByText('не проверено').waitFor();
  await head.getByTestId('journal-row').filter({ hasText: journalNumber }).getByRole('button', { name: /Открыть/ }).click();
  const check = head.getByTestId('identity-checks');
  await check.waitFor();
  const checkNow = check.getByRole('button', { name: 'Проверить сейчас' });
  if (await checkNow.count()) await checkNow.click();
  await head.getByTestId('identity-applicant').getByText('расходится с государственной базой').waitFor();
  const row = head.getByTestId('identity-applicant').getByRole('row', { name: /Наименование/ });
  assert.match(await row.innerText(), /ТОО «Атырау Металл»\s+Товарищество с ограниченной ответственностью «Атырау Металл Ресайклинг»/);
  await head.screenshot({ path: 'test-results/screenshots/identity-differs-ru.png', fullPage: true });

  // Signing is refused beside the button, saying what must happen first.
  await head.getByLabel('Файл ключа ЭЦП (.p12)').setInputFiles(app.test.pki.headKeyFile);
  await head.getByLabel('Пароль ключа').fill('demo-key-password');
  await head.getByRole('button', { name: 'Просмотреть лицензию' }).click();
  await head.getByRole('alert').getByText(/расходятся с государственной базой — сотрудник канцелярии должен принять данные базы/).waitFor();
  assert.equal(await head.getByRole('button', { name: 'Принять данные базы' }).count(), 0, 'only the clerk takes the database’s data');

  // The clerk takes the database's data.
  await clerk.getByRole('button', { name: 'Журнал регистрации' }).click();
  await clerk.getByTestId('journal-row').filter({ hasText: journalNumber }).getByRole('button', { name: /Открыть/ }).click();
  await clerk.getByRole('button', { name: 'Принять данные базы' }).click();
  await clerk.getByText('Приняты данные государственной базы. Теперь решение можно подписать.').waitFor();
  await clerk.getByText(/Товарищество с ограниченной ответственностью «Атырау Металл Ресайклинг» \(150840001234\)/).waitFor();
  assert.equal(await clerk.getByTestId('applicant-unverified').count(), 0);

  await head.getByRole('button', { name: 'Журнал регистрации' }).click();
  assert.equal(await head.getByTestId('journal-row').filter({ hasText: journalNumber }).getByTestId('row-unverified').count(), 0, 'settled: no longer marked');
  await head.getByTestId('journal-row').filter({ hasText: journalNumber }).getByRole('button', { name: /Открыть/ }).click();
  await head.getByTestId('identity-applicant').getByText(/приняты данные государственной базы \(Оспанова Айгүл Ерланқызы\)/).waitFor();
  await head.getByLabel('Файл ключа ЭЦП (.p12)').setInputFiles(app.test.pki.headKeyFile);
  await head.getByLabel('Пароль ключа').fill('demo-key-password');
  await previewDecision(head, 'Просмотреть лицензию');
  await head.getByRole('button', { name: 'Подписать лицензию' }).click();
  await head.getByTestId('application-status').getByText('Лицензия выдана').waitFor();
});
