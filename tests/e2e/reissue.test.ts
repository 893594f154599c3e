import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { e2eAppPerFile, login, previewDecision, throughTheOffice, useRussian, type E2eApp } from './harness';
import { headKey, readyForDecision } from '../support/workflow';
import { tempDir } from '../support/temp';

const e2e = e2eAppPerFile();

/** The clerk asks for a reissue or a duplicate: the original licence found by `search`, chosen, its holder looked up. */
async function askFor(page: Page, procedure: 'Переоформление' | 'Дубликат', search: string, original: string) {
  await page.getByRole('button', { name: 'Новое заявление' }).click();
  await page.getByLabel('Процедура').selectOption({ label: procedure });
  const create = page.getByRole('button', { name: 'Создать заявление' });
  assert.equal(await create.isDisabled(), true, 'nothing to create before the original is chosen');
  const box = page.getByLabel('Номер лицензии, ИИН/БИН или наименование лицензиата');
  await box.fill(search);
  await box.press('Enter');
  await page.getByTestId('licences-found').getByRole('button', { name: `Выбрать: ${original}` }).click();
  await page.getByTestId('original-licence').getByText(`№ ${original}`).waitFor();
  // The holder is looked up in the state database at once.
  await page.getByTestId('applicant-card').getByText('Атырау Металл Ресайклинг').waitFor();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: `test-results/screenshots/intake-${procedure === 'Дубликат' ? 'duplicate' : 'reissue'}-ru.png`, fullPage: true });
  await create.click();
  await page.getByTestId('application-original').getByText(`№ ${original}`).waitFor();
}

/** The head opens the application from the journal and signs it with the key file. */
async function headSigns(page: Page, app: E2eApp, journalNumber: string) {
  await page.getByRole('button', { name: 'Журнал регистрации' }).click();
  await page.getByTestId('journal-row').filter({ hasText: journalNumber }).getByRole('button', { name: /Открыть/ }).click();
  await page.getByLabel('Файл ключа ЭЦП (.p12)').setInputFiles(app.test.pki.headKeyFile);
  await page.getByLabel('Пароль ключа').fill('demo-key-password');
  await previewDecision(page, 'Просмотреть лицензию');
  await page.getByRole('button', { name: 'Подписать лицензию' }).click();
  await page.getByTestId('application-status').getByText('Лицензия выдана').waitFor();
  return (await page.getByTestId('decision-number').textContent()) ?? '';
}

test('a reissue and a duplicate are issued from an existing licence, chosen in the journal by the holder’s BIN and by the number', async () => {
  const app = e2e();
  const ready = await readyForDecision(app.test);
  const original = (await ready.head['decisions.issueLicence']({ applicationId: ready.app.id, ...headKey(app.test) })).decision!.number;

  const clerk = await app.open();
  await useRussian(clerk);
  await login(clerk, 'clerk');
  await askFor(clerk, 'Переоформление', '150840001234', original);
  const reissue = await throughTheOffice(app, ready.clerk);

  const head = await app.open();
  await useRussian(head);
  await login(head, 'head');
  const reissued = await headSigns(head, app, reissue.journalNumber);
  assert.match(reissued, /^KZ\d{2}[A-Z]{3}\d{8}$/);
  assert.notEqual(reissued, original);
  // The original is marked reissued, beside the application that replaced it.
  await head.getByTestId('application-original').getByText(`переоформлена на № ${reissued}`).waitFor();

  // The clerk finds the original no longer choosable; the new licence is, by its number.
  await clerk.getByRole('button', { name: 'Новое заявление' }).click();
  await clerk.getByLabel('Процедура').selectOption({ label: 'Дубликат' });
  const box = clerk.getByLabel('Номер лицензии, ИИН/БИН или наименование лицензиата');
  await box.fill(original);
  await box.press('Enter');
  assert.equal(await clerk.getByTestId('licences-found').getByRole('button', { name: `Выбрать: ${original}` }).isDisabled(), true);
  await askFor(clerk, 'Дубликат', reissued.slice(0, 9), reissued);
  assert.equal(await clerk.getByLabel('БИН/ИИН заявителя').count(), 0, 'the draft is open; the intake form is gone');
  const duplicate = await throughTheOffice(app, ready.clerk);
  const copyNumber = await headSigns(head, app, duplicate.journalNumber);
  assert.equal(copyNumber, `${reissued}-D1`);
  await head.getByTestId('decision').getByText('Лицензия — Дубликат').waitFor();

  // The copy as printed: marked so, with the licence's number.
  const [download] = await Promise.all([head.waitForEvent('download'), head.getByRole('button', { name: 'Сохранить PDF' }).click()]);
  const dir = tempDir();
  try {
    const file = join(dir.path, 'duplicate.pdf');
    await download.saveAs(file);
    assert.ok(readFileSync(file).subarray(0, 5).equals(Buffer.from('%PDF-')));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.ok(text.includes('Телнұсқа / Дубликат') && text.includes(`№ ${reissued}`), text);
    // The day's decisions as a printable report, from the journal screen: the three licences, the copy named so.
    await head.getByRole('button', { name: 'Журнал регистрации' }).click();
    await head.getByText('Отчёты за период (PDF, XLSX, CSV)').click();
    await head.getByLabel('Отчёт').selectOption({ label: 'Выданные лицензии, заключения и отказы' });
    const [report] = await Promise.all([head.waitForEvent('download'), head.getByRole('button', { name: 'Сохранить PDF' }).click()]);
    const reportFile = join(dir.path, 'decisions.pdf');
    await report.saveAs(reportFile);
    await head.getByText(/Отчёт сохранён \(decisions-.*\.pdf\): строк — 3\./).waitFor();
    const printed = execFileSync('pdftotext', ['-layout', reportFile, '-'], { encoding: 'utf8' });
    for (const number of [original, reissued, copyNumber]) assert.ok(printed.includes(number), `${number} in the report`);
    assert.ok(printed.includes('дубликат') && printed.includes('переоформление'));
  } finally {
    dir.remove();
  }
});
