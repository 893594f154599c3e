import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { accessibilityFindings, e2eAppPerFile, login, useRussian } from './harness';
import { tempDir } from '../support/temp';

const e2e = e2eAppPerFile();

test('the administrator backs the desk up to a USB folder from the admin screen, and sets a daily backup; a folder inside the desk’s data is refused beside the field', async () => {
  const app = e2e();
  const usb = tempDir('ajo-usb-');
  try {
    const page = await app.open();
    await useRussian(page);
    await login(page, 'admin');
    await page.getByRole('button', { name: 'Резервные копии' }).click();
    await page.getByRole('heading', { name: 'Резервные копии рабочего места' }).waitFor();

    await page.getByLabel('Папка для копий (другой диск, флешка)').fill(join(app.test.dataDir, 'copies'));
    await page.getByLabel('Пароль копии').fill('long enough passphrase');
    await page.getByRole('button', { name: 'Сделать копию сейчас' }).click();
    await page.getByRole('alert').getByText(/папка внутри данных рабочего места/).waitFor();

    await page.getByLabel('Папка для копий (другой диск, флешка)').fill(usb.path);
    await page.getByLabel('Пароль копии').press('Enter');
    await page.getByRole('status').getByText(/Копия сделана: файлов \d+/).waitFor();
    await page.getByTestId('backup-last').getByText(usb.path, { exact: false }).waitFor();
    assert.ok(existsSync(join(usb.path, 'database.enc')));

    await page.getByLabel('Время ежедневной копии').selectOption('19');
    await page.getByRole('button', { name: 'Копировать ежедневно' }).click();
    await page.getByTestId('backup-schedule').getByText(`каждый день в 19:00 в папку ${usb.path}`).waitFor();
    assert.deepEqual(await accessibilityFindings(page), []);
  } finally {
    usb.remove();
  }
});
