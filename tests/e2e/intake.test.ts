import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countApplications } from '../../db/repositories/applications';
import { UNKNOWN_BIN } from '../../registry/simulators/seed-data';
import { clerkWithDraft, login, useRussian, e2eAppPerFile } from './harness';

const e2e = e2eAppPerFile();

test('an unknown BIN shows "the data cannot be obtained" and leaves no application behind', async () => {
  const app = e2e();
  const page = await app.open();
  await useRussian(page);
  await login(page, 'clerk');
  await page.getByRole('button', { name: 'Новое заявление' }).click();
  await page.getByLabel('БИН/ИИН заявителя').fill(UNKNOWN_BIN);
  await page.getByRole('button', { name: 'Запросить данные' }).click();
  await page.getByRole('alert').getByText(/Данные не могут быть получены/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Создать заявление' }).isDisabled(), true);
  assert.equal(countApplications(app.test.core.ctx.db), 0);

  // The same in Kazakh, in the regulation's words.
  await page.getByRole('button', { name: 'Қазақша' }).click();
  await page.getByRole('button', { name: 'Деректерді сұрау' }).click();
  await page.getByRole('alert').getByText(/Деректерді алу мүмкін емес/).waitFor();
  assert.equal(countApplications(app.test.core.ctx.db), 0);
});

test('an IIN/BIN with a wrong check digit is flagged while typing and cannot be looked up', async () => {
  const app = e2e();
  const page = await app.open();
  await useRussian(page);
  await login(page, 'clerk');
  await page.getByRole('button', { name: 'Новое заявление' }).click();
  await page.getByLabel('БИН/ИИН заявителя').fill('150840001235');
  await page.getByText('Контрольный разряд не сходится: проверьте номер.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Запросить данные' }).isDisabled(), true);
});

test('registering without the required documents names the missing documents and registers nothing', async () => {
  const app = e2e();
  const page = await clerkWithDraft(app);
  await page.getByLabel('Файл ключа ЭЦП (.p12)').setInputFiles(app.test.pki.clerkKeyFile);
  await page.getByLabel('Пароль ключа').fill('demo-key-password');
  await page.getByRole('button', { name: 'Зарегистрировать в журнале' }).click();
  await page
    .getByRole('alert')
    .getByText('Не приложены обязательные документы: Заявление на получение лицензии; Документ, подтверждающий уплату лицензионного сбора.')
    .waitFor();
  await page.getByTestId('application-status').getByText('Черновик').waitFor();
});

test('a liquidated legal entity: the card says so and "Создать заявление" cannot be pressed, with the reason beside it', async () => {
  const page = await e2e().open();
  await useRussian(page);
  await login(page, 'clerk');
  await page.getByRole('button', { name: 'Новое заявление' }).click();
  await page.getByLabel('БИН/ИИН заявителя').fill('200140003217');
  await page.getByRole('button', { name: 'Запросить данные' }).click();
  await page.getByTestId('applicant-card').waitFor();
  await page.getByText(/Юридическое лицо ликвидировано \(по данным государственной базы\): заявление от него принять нельзя/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Создать заявление' }).isDisabled(), true);
});
