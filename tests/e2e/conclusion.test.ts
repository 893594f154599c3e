import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { samplePdf } from '../support/documents';
import { tempDir } from '../support/temp';
import { runAsync } from '../support/verifiers';
import { e2eAppPerFile, login, lookAt, previewDecision, useRussian } from './harness';

const e2e = e2eAppPerFile();

const OBJECT = 'Қалдықтарды қайта өңдеу цехы, Атырау қ., Өндіріс к-сі, 12';

test('the ecological expertise ends in a conclusion of its own: drafted by the executor, previewed and signed by the head, with no word of a licence', { timeout: 240_000 }, async () => {
  const app = e2e();
  const [clerkApi, headApi] = await Promise.all([app.test.as('clerk'), app.test.as('head')]);
  const created = await clerkApi['applications.createDraft']({ serviceCode: 'eco-expertise', procedure: 'issue', applicantKind: 'legal', applicantIdn: '150840001234', representation: { kind: 'none' } });
  for (const slot of created.slots.filter((s) => s.required)) {
    await clerkApi['documents.attach']({ applicationId: created.id, slotCode: slot.code, fileName: `${slot.code}.pdf`, contentBase64: (await samplePdf(slot.code)).toString('base64') });
  }
  const registered = await clerkApi['applications.register']({ id: created.id, ...app.test.clerkKey() });
  const executorUser = (await headApi['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!;
  await headApi['applications.assign']({ id: created.id, executorId: executorUser.id });

  // The executor (Russian) names the object assessed and the conditions, answers the checklist, sends it on.
  const executor = await app.open();
  await useRussian(executor);
  await login(executor, 'executor');
  await executor.setViewportSize({ width: 1366, height: 768 });
  await executor.getByRole('button', { name: 'Журнал регистрации' }).click();
  await executor.getByTestId('journal-row').filter({ hasText: registered.journalNumber! }).getByRole('button', { name: /Открыть/ }).click();
  const draft = executor.getByTestId('licence-draft');
  await draft.getByRole('heading', { name: 'Проект заключения' }).waitFor();
  assert.equal(await draft.getByText(/лиценз/i).count(), 0, 'no licence words in the draft');
  await draft.getByLabel('Объект экспертизы (наименование, местонахождение)').fill(OBJECT);
  await draft.getByLabel('Условия и рекомендации').fill('Шу деңгейін тоқсан сайын өлшеу');
  await draft.getByRole('button', { name: 'Сохранить проект заключения' }).click();
  await executor.getByText('Проект заключения сохранён: руководитель увидит его в заключении.').waitFor();
  for (const item of registered.checklist) await executor.getByTestId(`check-${item.code}`).getByRole('radio', { name: 'Соответствует', exact: true }).check();
  for (const item of registered.checklist) await executor.getByTestId(`check-state-${item.code}`).getByText('✓ Сохранено').waitFor();
  await lookAt(executor, 'conclusion-draft');
  await executor.getByRole('button', { name: 'Передать руководителю на подпись' }).click();
  await executor.getByTestId('application-status').getByText('На подписи у руководителя').waitFor();

  // The head (Kazakh) looks at the conclusion, then signs exactly that.
  const head = await app.open();
  await login(head, 'head');
  await head.setViewportSize({ width: 1366, height: 768 });
  await head.getByRole('button', { name: 'Тіркеу журналы' }).click();
  await head.getByTestId('journal-row').filter({ hasText: registered.journalNumber! }).getByRole('button', { name: /Ашу/ }).click();
  assert.equal(await head.getByRole('button', { name: /Лицензия/ }).count(), 0, 'no licence buttons for a conclusion');
  const previewed = await previewDecision(head, 'Қорытындыны қарау');
  await head.getByLabel('ЭЦҚ кілтінің файлы (.p12)').setInputFiles(app.test.pki.headKeyFile);
  await head.getByLabel('Кілттің құпиясөзі').fill('demo-key-password');
  await lookAt(head, 'conclusion-decision', 'kk');
  await head.getByRole('button', { name: 'Оң қорытындыға қол қою' }).click();
  await head.getByTestId('application-status').getByText('Қорытынды берілді').waitFor();
  await head.getByTestId('decision').getByRole('heading', { name: 'Мемлекеттік экологиялық сараптама қорытындысы' }).waitFor();

  const [download] = await Promise.all([head.waitForEvent('download'), head.getByTestId('decision').getByRole('button').click()]);
  assert.match(download.suggestedFilename(), /^conclusion-KZ\d{2}[A-Z]{3}\d{8}\.pdf$/);
  const dir = tempDir();
  try {
    const file = join(dir.path, download.suggestedFilename());
    await download.saveAs(file);
    const signed = readFileSync(file);
    assert.ok(signed.subarray(0, previewed.length).equals(previewed), 'the signed conclusion is the previewed bytes, then the signature');
    const text = (await runAsync('pdftotext', ['-layout', file, '-'])).out.replace(/\s+/g, ' ');
    assert.ok(text.includes('МЕМЛЕКЕТТІК ЭКОЛОГИЯЛЫҚ САРАПТАМАНЫҢ ҚОРЫТЫНДЫСЫ / ЗАКЛЮЧЕНИЕ ГОСУДАРСТВЕННОЙ ЭКОЛОГИЧЕСКОЙ ЭКСПЕРТИЗЫ'));
    assert.ok(text.includes('ОҢ ҚОРЫТЫНДЫ / ПОЛОЖИТЕЛЬНОЕ ЗАКЛЮЧЕНИЕ'));
    assert.ok(text.includes(OBJECT));
    assert.doesNotMatch(text, /лиценз/i, 'no licence wording anywhere in the conclusion');
  } finally {
    dir.remove();
  }
});
