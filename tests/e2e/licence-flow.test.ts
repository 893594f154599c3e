import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { samplePdf, withFlippedByte } from '../support/documents';
import { tempDir } from '../support/temp';
import { extractSignature, nssTrustStore, opensslCmsVerify, pdfsig, pdfText } from '../support/verifiers';
import { login, lookAt, previewDecision, useRussian, e2eAppPerFile } from './harness';

const e2e = e2eAppPerFile();

async function logout(page: Page) {
  await page.getByRole('button', { name: 'Выйти' }).click();
}

/** A main screen as its user sees it at 1366×768: a screenshot to look at, no sideways scrolling, no serious axe-core finding. */
async function openFirstJournalRow(page: Page) {
  // Signing in opens "my work"; the journal is one click away.
  await page.getByRole('button', { name: 'Журнал регистрации' }).click();
  await page.getByTestId('journal-row').first().getByRole('button', { name: /Открыть/ }).click();
}

test('a scrap-metal application goes from intake to a signed licence that pdfsig, openssl and the verify screen accept', async () => {
  const app = e2e();
  const page = await app.open();
  await page.setViewportSize({ width: 1366, height: 768 });
  await useRussian(page);

  // Clerk: intake with a lookup, two documents, registration.
  await login(page, 'clerk');
  await page.getByRole('button', { name: 'Новое заявление' }).click();
  await page.getByLabel('БИН/ИИН заявителя').fill('150840001234');
  await page.getByRole('button', { name: 'Запросить данные' }).click();
  await assert.doesNotReject(page.getByTestId('applicant-card').getByText(/Атырау Металл Ресайклинг/).waitFor());
  await page.getByRole('button', { name: 'Создать заявление' }).click();
  await page.getByTestId('application-status').getByText('Черновик').waitFor();

  await page.getByTestId('slot-application').locator('input[type=file]').setInputFiles({
    name: 'заявление.pdf',
    mimeType: 'application/pdf',
    buffer: await samplePdf('Application', 2),
  });
  await page.getByTestId('slot-application').getByText('заявление.pdf').waitFor();
  await page.getByTestId('slot-fee-receipt').locator('input[type=file]').setInputFiles({
    name: 'квитанция.pdf',
    mimeType: 'application/pdf',
    buffer: await samplePdf('Fee receipt'),
  });
  await page.getByTestId('slot-fee-receipt').getByText('квитанция.pdf').waitFor();
  // Controlled inputs change once the core has saved the change: click, then wait for the saved state.
  await page.getByTestId('slot-application').getByLabel('Оригинал на бумаге предъявлен').click();
  await page.getByTestId('slot-application').locator('input[type=checkbox]:checked').waitFor();
  await page.getByLabel('Файл ключа ЭЦП (.p12)').setInputFiles(app.test.pki.clerkRsaKeyFile);
  await page.getByLabel('Пароль ключа').fill('demo-key-password');
  await page.getByRole('button', { name: 'Зарегистрировать в журнале' }).click();
  const year = new Date().getUTCFullYear();
  await page.getByRole('status').getByText(new RegExp(`Заявление зарегистрировано: KRG-${year}-00001`)).waitFor();
  await page.getByRole('button', { name: 'Проверить ЭЦП на заявлении' }).click();
  await page.getByTestId('form-signature').getByText(/Заявление удостоверено ЭЦП: Оспанова Айгүл, ИИН 621012400231/).waitFor();
  await lookAt(page, 'application-registered');
  await page.getByRole('button', { name: 'Журнал регистрации' }).click();
  await page.getByTestId('journal-row').first().waitFor();
  await lookAt(page, 'journal');
  await logout(page);

  // Head: assigns the executor.
  await login(page, 'head');
  await openFirstJournalRow(page);
  await page.getByLabel('Исполнитель').selectOption({ label: 'Жұмабеков Нұрлан Маратұлы' });
  await page.getByRole('button', { name: 'Назначить исполнителя' }).click();
  await page.getByTestId('application-status').getByText('Назначен исполнитель').waitFor();
  await logout(page);

  // Executor: the qualification checklist, then to the head for signature.
  await login(page, 'executor');
  await openFirstJournalRow(page);
  // "Не соответствует" with no note yet waits for the reason (the note field is focused) and is saved once it is typed: no second click.
  await page.getByTestId('check-scales').getByRole('radio', { name: 'Не соответствует', exact: true }).click();
  await page.getByTestId('check-scales').getByText('Напишите, почему требование не соответствует').waitFor();
  await page.keyboard.type('Нет свидетельства о поверке');
  await page.keyboard.press('Tab');
  await page.getByTestId('check-state-scales').getByText('✓ Сохранено').waitFor();
  assert.deepEqual(app.test.core.ctx.db.prepare("SELECT met, note FROM checklist WHERE item_code = 'scales'").get(), { met: 0, note: 'Нет свидетельства о поверке' });
  // Clicked in quick succession, the first one changed at once: no click is lost, each answer says it is saved.
  const codes = ['production-base', 'scales', 'radiation-control', 'explosion-safety'];
  await page.getByTestId('check-production-base').getByRole('radio', { name: 'Не соответствует', exact: true }).click();
  for (const code of codes) await page.getByTestId(`check-${code}`).getByRole('radio', { name: 'Соответствует', exact: true }).click();
  for (const code of codes) {
    await page.getByTestId(`check-state-${code}`).getByText('✓ Сохранено').waitFor();
    assert.ok(await page.getByTestId(`check-${code}`).getByRole('radio', { name: 'Соответствует', exact: true }).isChecked(), code);
  }
  const stored = app.test.core.ctx.db.prepare("SELECT met FROM checklist ORDER BY item_code").all() as { met: number }[];
  assert.deepEqual(stored.map((r) => r.met), [1, 1, 1, 1], 'every answer reached the database');
  await lookAt(page, 'checklist');
  // The licence's own fields: one sub-type of two, the yard where the metal is kept, a condition.
  const draft = page.getByTestId('licence-draft');
  await draft.getByRole('checkbox', { name: 'Лом и отходы черных металлов' }).uncheck();
  await draft.getByLabel('Производственная база (местонахождение)').fill('Атырау қ., Өндіріс к-сі, 12, №3 қойма');
  await draft.getByLabel('Особые условия действия лицензии').fill('Радиационный контроль каждой партии');
  await draft.getByRole('button', { name: 'Сохранить проект лицензии' }).click();
  await page.getByText('Проект лицензии сохранён: руководитель увидит его в лицензии.').waitFor();
  await page.getByRole('button', { name: 'Передать руководителю на подпись' }).click();
  await page.getByTestId('application-status').getByText('На подписи у руководителя').waitFor();
  await logout(page);

  // Head: signs with the .p12 key; the password is typed, never stored.
  await login(page, 'head');
  await openFirstJournalRow(page);
  await page.getByLabel('Файл ключа ЭЦП (.p12)').setInputFiles(app.test.pki.headRsaKeyFile);
  // A mistyped password: only looking at the key says the key did not open; signing says so beside the button.
  await page.getByLabel('Пароль ключа').fill('mistyped');
  await page.getByRole('button', { name: 'Показать сертификат ключа' }).click();
  await page.getByText('Ключ не открыт: неверный пароль ключа. Проверьте файл и пароль ключа.').waitFor();
  const sign = page.getByRole('button', { name: 'Подписать лицензию' });
  assert.equal(await sign.isDisabled(), true, 'nothing is signed unseen');
  const previewed = await previewDecision(page, 'Просмотреть лицензию');
  const previewText = await pdfText(previewed);
  assert.match(previewText, /Атырау қ\., Өндіріс к-сі, 12, №3 қойма/);
  assert.match(previewText, /Радиационный контроль каждой партии/);
  assert.match(previewText, /Лом и отходы цветных металлов/);
  assert.doesNotMatch(previewText, /Лом и отходы черных металлов/);
  await lookAt(page, 'decision');
  await sign.click();
  const refused = page.getByRole('alert').filter({ hasText: 'Подпись отклонена: неверный пароль ключа. Ничего не подписано.' });
  await refused.waitFor();
  const [alertBox, signBox] = [await refused.boundingBox(), await sign.boundingBox()];
  assert.ok(alertBox && signBox && Math.abs(alertBox.y - signBox.y) < 200, `the signing error beside its button (${alertBox?.y} vs ${signBox?.y})`);
  await page.getByLabel('Пароль ключа').fill('demo-key-password');
  // Whose key it is, before anything is signed.
  await page.getByRole('button', { name: 'Показать сертификат ключа' }).click();
  await page.getByTestId('key-certificate').getByText(/ИИН 781103500670 · БИН 990140001114/).waitFor();
  await page.getByTestId('key-certificate').getByText(/ключ подписи · юридическое лицо, первый руководитель/).waitFor();
  await page.getByRole('button', { name: 'Подписать лицензию' }).click();
  await page.getByTestId('application-status').getByText('Лицензия выдана').waitFor();
  const number = await page.getByTestId('decision-number').textContent();
  assert.match(number ?? '', /^KZ\d{2}[A-Z]{3}\d{8}$/);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Сохранить PDF' }).click()]);
  const dir = tempDir();
  try {
    const file = join(dir.path, download.suggestedFilename());
    await download.saveAs(file);
    assert.ok(readFileSync(file).subarray(0, 5).equals(Buffer.from('%PDF-')));
    assert.ok(readFileSync(file).subarray(0, previewed.length).equals(previewed), 'the signed licence is the previewed bytes, then the signature');

    const untrusted = await pdfsig(file);
    assert.match(untrusted, /Signature is Valid/);
    assert.match(untrusted, /Сәрсенбаев Қайрат/);

    const nss = nssTrustStore(join(dir.path, 'nss'), app.test.pki.rsaRootPem, [app.test.pki.rsaIntermediatePem]);
    assert.match(await pdfsig(file, nss), /Certificate is Trusted/);

    const { cms, content } = extractSignature(readFileSync(file), dir.path);
    const openssl = opensslCmsVerify(cms, content, app.test.pki.rsaRootPem, app.test.pki.rsaIntermediatePem);
    assert.ok(openssl.ok, openssl.output);

    // A changed byte breaks it, for pdfsig too.
    const tamperedFile = join(dir.path, 'tampered.pdf');
    writeFileSync(tamperedFile, withFlippedByte(readFileSync(file), 400));
    assert.doesNotMatch(await pdfsig(tamperedFile, nss), /Signature is Valid/);

    // The verify screen agrees: valid with the head's IIN and the authority's BIN, then invalid once changed.
    await page.getByRole('button', { name: 'Проверка документа' }).click();
    await page.getByLabel('Подписанный PDF').setInputFiles(file);
    await page.getByTestId('verdict').getByText('подпись действительна').waitFor();
    assert.equal(await page.getByTestId('signer-iin').textContent(), '781103500670');
    assert.equal(await page.getByTestId('signer-bin').textContent(), '990140001114');
    await page.getByTestId('signature').getByText('до доверенного корневого центра').waitFor();
    await page.getByTestId('signature').getByText('не отозван').waitFor();
    // Online, the head's certificate was checked by OCSP and the signature carries the demo TSA's time-stamp.
    assert.match((await page.getByTestId('revocation').textContent()) ?? '', /на момент подписания: не отозван.*по ответу OCSP/);
    assert.match((await page.getByTestId('timestamp').textContent()) ?? '', /TSA Демо/);
    await page.getByTestId('qr-check').getByText(`Лицензия № ${number}`).waitFor();
    await page.getByTestId('qr-check').getByText('совпадает с записью этого органа').waitFor();
    await page.getByLabel('Подписанный PDF').setInputFiles(tamperedFile);
    await page.getByTestId('verdict').getByText('подпись НЕДЕЙСТВИТЕЛЬНА').waitFor();
    await page.getByTestId('signature').getByText('содержимое изменено после подписания').waitFor();
  } finally {
    dir.remove();
  }
});
