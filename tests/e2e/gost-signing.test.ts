import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { openKeyFile } from '../../pki/certificates/key-file';
import { signDetached } from '../../pki/cms/sign';
import { readyForDecision } from '../support/workflow';
import { tempDir } from '../support/temp';
import { independentlyVerifyPdf } from '../support/independent-gost';
import { e2eAppPerFile, lookAt, previewDecision, useRussian } from './harness';

/**
 * NCA's keys as it issues them now, in the demo: the head signs in with his single GOST 2015 key, signs a licence
 * and a refusal with it; the licence is accepted by the verify screen, by `ajo verify` and by an independent
 * check; a CMS file signed with the clerk's GOST key is verified beside the data it signs.
 */
const e2e = e2eAppPerFile();
const AJO = fileURLToPath(new URL('../../bin/ajo.mjs', import.meta.url));
const KEY_PASSWORD = 'demo-key-password';

async function signInWithKey(page: Page, keyFile: string) {
  await page.getByLabel('Ключ для входа (GOST512_….p12 или AUTH_RSA256_….p12)').setInputFiles(keyFile);
  await page.getByLabel('Пароль ключа').fill(KEY_PASSWORD);
  await page.getByRole('button', { name: 'Войти по ключу' }).click();
  await page.getByTestId('current-user').getByText(/Сәрсенбаев Қайрат Болатұлы/).waitFor();
}

async function openRow(page: Page, journalNumber: string) {
  await page.getByRole('button', { name: 'Журнал регистрации' }).click();
  await page.getByTestId('journal-row').filter({ hasText: journalNumber }).getByRole('button', { name: /Открыть/ }).click();
}

/** The key file and its password; Enter in the password field shows the certificate's summary, no button needed. */
async function giveKey(page: Page, keyFile: string) {
  await page.getByLabel('Файл ключа ЭЦП (.p12)').setInputFiles(keyFile);
  await page.getByLabel('Пароль ключа').fill(KEY_PASSWORD);
  await page.getByLabel('Пароль ключа').press('Enter');
  const summary = page.getByTestId('key-certificate');
  await summary.getByText(/ИИН 781103500670 · БИН 990140001114/).waitFor();
  await summary.getByText(/ГОСТ Р 34\.10-2015, 512 бит · ключ подписи и входа · юридическое лицо, первый руководитель/).waitFor();
}

async function download(page: Page, dir: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Сохранить PDF' }).click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return readFileSync(path);
}

test('GOST 2015: the head signs in with his key, signs a licence and a refusal; the verify screen, ajo verify and an independent check accept the licence; a CMS file verifies beside its data', async () => {
  const app = e2e();
  const licenceApp = (await readyForDecision(app.test)).app;
  const refusalApp = (await readyForDecision(app.test)).app;
  const dir = tempDir('ajo-gost-e2e-');
  try {
    const page = await app.open();
    await page.setViewportSize({ width: 1366, height: 768 });
    await useRussian(page);
    await signInWithKey(page, app.test.pki.headKeyFile);

    // The licence.
    await openRow(page, licenceApp.journalNumber!);
    await giveKey(page, app.test.pki.headKeyFile);
    await previewDecision(page, 'Просмотреть лицензию');
    await lookAt(page, 'decision-gost');
    await page.getByRole('button', { name: 'Подписать лицензию' }).click();
    await page.getByTestId('application-status').getByText('Лицензия выдана').waitFor();
    const licence = await download(page, dir.path);

    // The refusal.
    await openRow(page, refusalApp.journalNumber!);
    await giveKey(page, app.test.pki.headKeyFile);
    await page.getByLabel('Обоснование отказа').fill('Производственная база не соответствует требованиям');
    await previewDecision(page, 'Просмотреть отказ');
    await page.getByRole('button', { name: 'Подписать мотивированный отказ' }).click();
    await page.getByTestId('application-status').getByText('Мотивированный отказ').waitFor();
    const refusal = await download(page, dir.path);

    // The verify screen: both valid, signed with GOST R 34.10-2015.
    for (const [name, bytes] of [['licence.pdf', licence], ['refusal.pdf', refusal]] as const) {
      await page.getByRole('button', { name: 'Проверка документа' }).click();
      await page.getByLabel('Подписанный PDF или файл подписи (.cms, .p7s)').setInputFiles({ name, mimeType: 'application/pdf', buffer: bytes });
      await page.getByTestId('verdict').getByText(`${name}: подпись действительна`).waitFor();
      assert.equal(await page.getByTestId('signature-algorithm').first().textContent(), 'ГОСТ Р 34.10-2015, 512 бит');
    }
    await lookAt(page, 'verify-gost');

    // ajo verify, with this desk's trust store.
    const file = join(dir.path, 'licence.pdf');
    writeFileSync(file, licence);
    const ajo = spawnSync(process.execPath, [AJO, 'verify', file, '--data-dir', app.test.dataDir], { encoding: 'utf8' });
    assert.equal(ajo.status, 0, ajo.stdout + ajo.stderr);
    const report = JSON.parse(ajo.stdout) as { valid: boolean; trustStore: number; signatures: { chainTrusted: boolean; certificate: { algorithm: string } }[] };
    assert.equal(report.valid, true);
    assert.ok(report.trustStore >= 2);
    assert.deepEqual(report.signatures.map((s) => [s.chainTrusted, s.certificate.algorithm]), [[true, 'gost2015-512']]);

    // Independently of pki/gost: rhash's Streebog, plain BigInt arithmetic.
    const head = openKeyFile(readFileSync(app.test.pki.headKeyFile), KEY_PASSWORD);
    assert.deepEqual(independentlyVerifyPdf(licence, head.certificate.der), { digestMatches: true, signatureValid: true });

    // A detached CMS from the clerk's GOST key, as another state system sends one: it asks for the data, then verifies.
    const clerk = openKeyFile(readFileSync(app.test.pki.clerkKeyFile), KEY_PASSWORD);
    const data = Buffer.from('Хат / Письмо № 17, 2026');
    const cms = signDetached(data, { privateKey: clerk.privateKey, certificateDer: clerk.certificate.der, chainDer: clerk.chain }, { signingTime: new Date() });
    await page.getByRole('button', { name: 'Проверка документа' }).click();
    await page.getByLabel('Подписанный PDF или файл подписи (.cms, .p7s)').setInputFiles({ name: 'letter.p7s', mimeType: 'application/pkcs7-signature', buffer: cms });
    await page.getByText('подпись отделена от документа: выберите подписанный файл').waitFor();
    await page.getByLabel('Подписанный файл (подпись отделена от него)').setInputFiles({ name: 'letter.txt', mimeType: 'text/plain', buffer: data });
    await page.getByTestId('verdict').getByText('letter.p7s: подпись действительна').waitFor();
    await page.getByTestId('signer-iin').getByText('621012400231').waitFor();
    await page.getByTestId('cms-content').getByText(/отдельный файл/).waitFor();
  } finally {
    dir.remove();
  }
});
