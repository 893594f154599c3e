import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startTestCore, type TestCore } from '../../support/core';
import { headKey, registeredApplication } from '../../support/workflow';
import { tempDir } from '../../support/temp';
import { verifyAudit } from '../../../db/audit/verify';
import { readCertificate } from '../../../pki/certificates/certificate';
import { cmsCertificates } from '../../../pki/cms/verify';
import { cmsInContents } from '../../../pki/pdf/verify-pdf';
import { independentlyVerifyPdf } from '../../support/independent-gost';

let t: TestCore;
before(async () => {
  t = await startTestCore();
});
after(() => t.close());

async function assignedApplication() {
  const [clerk, head, executor] = await Promise.all([t.as('clerk'), t.as('head'), t.as('executor')]);
  const app = await registeredApplication(t, clerk);
  const executorUser = (await head['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!;
  await head['applications.assign']({ id: app.id, executorId: executorUser.id });
  return { app, clerk, head, executor };
}

test('documents incomplete: the executor prepares a refusal of further consideration naming them, the head signs it; its PDF lists them', async () => {
  const { app, head, executor } = await assignedApplication();
  await assert.rejects(executor['applications.proposeConsiderationRefusal']({ id: app.id, missing: ['no-such-document'], reason: 'нет' }), {
    code: 'invalid-input',
    reason: 'unknown-document',
  });
  const proposed = await executor['applications.proposeConsiderationRefusal']({ id: app.id, missing: ['fee-receipt', 'fee-receipt'], reason: 'Квитанция об уплате сбора не читается' });
  assert.equal(proposed.status, 'ready-for-decision');
  assert.equal(proposed.step?.code, 'sign');
  assert.deepEqual(proposed.considerationRefusal, { missing: ['fee-receipt'], reason: 'Квитанция об уплате сбора не читается' });
  // The head cannot sign a licence (or another refusal) over it: only this refusal, or send it back.
  await assert.rejects(head['decisions.issueLicence']({ applicationId: app.id, ...headKey(t) }), { code: 'invalid-state', reason: 'consideration-refusal-proposed' });

  // Sent back: withdrawn, and the completeness check begins again.
  const returned = await head['applications.returnToExecutor']({ id: app.id, note: 'Квитанция есть во втором файле' });
  assert.equal(returned.considerationRefusal, null);
  assert.equal(returned.step?.code, 'completeness');
  // Given to the executor again, the check goes on (it is not taken for done).
  const reassigned = await head['applications.assign']({ id: app.id, executorId: returned.executorId! });
  assert.equal(reassigned.step?.code, 'completeness');
  await assert.rejects(head['decisions.refuseConsideration']({ applicationId: app.id, ...headKey(t) }), { code: 'invalid-state' });

  await executor['applications.proposeConsiderationRefusal']({ id: app.id, missing: ['fee-receipt', 'production-base'], reason: 'Квитанция не читается, правоустанавливающих документов нет' });
  const refused = await head['decisions.refuseConsideration']({ applicationId: app.id, ...headKey(t) });
  assert.equal(refused.status, 'refused');
  assert.equal(refused.decision?.kind, 'refusal');
  assert.equal(refused.decision?.grounds, 'incomplete');
  assert.match(refused.decision?.number ?? '', /-R\d{5}$/, 'numbered among the office’s refusals');
  assert.equal(refused.step?.code, 'hand-out');

  const dir = tempDir('ajo-consideration-');
  try {
    const file = join(dir.path, 'refusal.pdf');
    const pdf = await head['decisions.pdf']({ decisionId: refused.decision!.id });
    writeFileSync(file, Buffer.from(pdf.contentBase64, 'base64'));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const expected of [
      'ӨТІНІШТІ ОДАН ӘРІ ҚАРАУДАН ДӘЛЕЛДІ БАС ТАРТУ / МОТИВИРОВАННЫЙ ОТКАЗ В ДАЛЬНЕЙШЕМ РАССМОТРЕНИИ ЗАЯВЛЕНИЯ',
      '1. Лицензиялық алымның төленгенін растайтын құжат / Документ, подтверждающий уплату лицензионного сбора',
      '2. Өндірістік базаға құқық белгілейтін құжаттар / Правоустанавливающие документы на производственную базу',
      'Квитанция не читается, правоустанавливающих документов нет',
    ]) {
      assert.ok(text.includes(expected), `${expected}\n--- in ---\n${text}`);
    }
    // Signed by the head with the demo's GOST 2015 key, as every decision; checked again independently of pki/gost.
    const signed = readFileSync(file);
    const certificate = readCertificate(cmsCertificates(cmsInContents(/\/Contents\s*<([0-9a-fA-F]+)>/.exec(signed.toString('latin1'))![1]!))!.signer);
    assert.equal(certificate.keyAlgorithm, 'gost2015-512');
    assert.deepEqual(independentlyVerifyPdf(signed, certificate.der), { digestMatches: true, signatureValid: true });
  } finally {
    dir.remove();
  }
  assert.ok(verifyAudit(t.core.ctx.db).ok);
});

test('a refusal of further consideration is for the completeness check only: not once the documents were found complete', async () => {
  const { app, executor } = await assignedApplication();
  await executor['applications.confirmComplete']({ id: app.id });
  await assert.rejects(executor['applications.proposeConsiderationRefusal']({ id: app.id, missing: ['fee-receipt'], reason: 'поздно' }), {
    code: 'invalid-state',
    reason: 'completeness-not-open',
  });
});
