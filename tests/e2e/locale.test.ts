import assert from 'node:assert/strict';
import { test } from 'node:test';
import { e2eAppPerFile, login, useRussian } from './harness';

const e2e = e2eAppPerFile();

test('in an English-locale browser the office hours read and are typed on the 24-hour clock, as the UI language writes them; a time that does not exist is refused beside the field', async () => {
  const app = e2e();
  const page = await app.open('/', { locale: 'en-US' });
  await useRussian(page);
  await login(page, 'admin');
  await page.getByRole('button', { name: 'Календарь' }).click();
  const opens = page.getByLabel('Начало', { exact: true });
  await opens.waitFor();
  assert.match(await opens.inputValue(), /^\d{2}:\d{2}$/, 'no AM/PM');
  await opens.fill('25:10');
  await opens.press('Tab');
  await page.getByRole('alert').getByText('нет такого времени — введите как чч:мм (24 часа)').waitFor();
  await opens.fill('8.45');
  await opens.press('Tab');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await page.getByText('Часы работы сохранены; открытые сроки пересчитаны.').waitFor();
  const admin = await app.test.as('admin');
  assert.equal((await admin['calendar.get']({})).officeHours.opens, '08:45');
  assert.equal(await opens.inputValue(), '08:45');
});
