import assert from 'node:assert/strict';
import { test } from 'node:test';
import { login, useRussian, e2eAppPerFile } from './harness';

const e2e = e2eAppPerFile();

test('a wrong password is refused, and the fifth failure locks the account', async () => {
  const app = e2e();
  const page = await app.open();
  await useRussian(page);
  for (let attempt = 1; attempt <= 4; attempt++) {
    await login(page, 'clerk', 'not-the-password');
    await page.getByRole('alert').getByText(`Неверное имя пользователя или пароль. Осталось попыток: ${5 - attempt}.`).waitFor();
  }
  await login(page, 'clerk', 'not-the-password');
  await page.getByRole('alert').getByText(/заблокирована после 5 неудачных попыток/).waitFor();

  // Locked means locked: the right password does not get in either.
  await login(page, 'clerk', 'demo-password');
  await page.getByRole('alert').getByText(/заблокирована/).waitFor();
  assert.equal(await page.getByTestId('current-user').count(), 0);
});

test('the login screen speaks Kazakh by default and Russian on request', async () => {
  const app = e2e();
  const page = await app.open();
  await page.getByRole('heading', { name: 'Жүйеге кіру' }).waitFor();
  await useRussian(page);
  await page.getByRole('heading', { name: 'Вход в систему' }).waitFor();
});

test("the head logs in with NCA's single GOST 2015 key instead of the password; an RSA signing key is refused", async () => {
  const app = e2e();
  const page = await app.open();
  await useRussian(page);
  const keyFile = page.getByLabel('Ключ для входа (GOST512_….p12 или AUTH_RSA256_….p12)');
  await keyFile.setInputFiles(app.test.pki.headRsaKeyFile);
  await page.getByLabel('Пароль ключа').fill('demo-key-password');
  await page.getByRole('button', { name: 'Войти по ключу' }).click();
  await page.getByRole('alert').getByText('Вход по ключу не выполнен: этим ключом нельзя войти: нужен ключ GOST512_… или AUTH_RSA256_….').waitFor();

  await keyFile.setInputFiles(app.test.pki.headKeyFile);
  await page.getByLabel('Пароль ключа').fill('demo-key-password');
  await page.getByRole('button', { name: 'Войти по ключу' }).click();
  await page.getByTestId('current-user').getByText(/Сәрсенбаев Қайрат Болатұлы/).waitFor();
});
