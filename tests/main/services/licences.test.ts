import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ApiClient } from '../../../domain/api/client';
import { kazakhstanDate } from '../../../domain/calendar/working-days';
import { startTestCore, type TestCore } from '../../support/core';
import { printedDay } from '../../../domain/calendar/working-days';
import { tempDir } from '../../support/temp';
import { headKey, readyForDecision, registeredApplication, type Asked } from '../../support/workflow';

let t: TestCore;
const dir = tempDir('licences');
before(async () => {
  t = await startTestCore();
});
after(async () => {
  await t.close();
  dir.remove();
});

async function issued(asked: Asked = { procedure: 'issue' }) {
  const ready = await readyForDecision(t, asked);
  const detail = await ready.head['decisions.issueLicence']({ applicationId: ready.app.id, ...headKey(t) });
  return { ...ready, detail };
}

async function pdfText(client: ApiClient, decisionId: string, name: string): Promise<string> {
  const file = join(dir.path, `${name}.pdf`);
  writeFileSync(file, Buffer.from((await client['decisions.pdf']({ decisionId })).contentBase64, 'base64'));
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const draft = (clerk: ApiClient, asked: { procedure: 'issue' | 'reissue' | 'duplicate'; originalNumber?: string }, applicantIdn = '150840001234') =>
  clerk['applications.createDraft']({ serviceCode: 'scrap-metal', applicantKind: 'legal', applicantIdn, representation: { kind: 'none' }, ...asked });

test('a licence is found by its number’s beginning, the holder’s BIN or a word of the name; a reissue or a duplicate must name one the office issued, in force, of its service', async () => {
  const { detail, clerk } = await issued();
  const number = detail.decision!.number;
  for (const search of [number, number.slice(0, 9), '150840001234', 'Ресайклинг']) {
    const found = await clerk['licences.find']({ search });
    assert.ok(found.some((l) => l.number === number && l.state === 'in-force' && l.holderIdn === '150840001234'), `found by ${search}`);
  }
  assert.deepEqual(await clerk['licences.find']({ search: 'KZ99' }), []);
  // Within the service the reissue is asked under: another service's licence is not offered at all.
  for (const search of [number, '150840001234']) {
    assert.ok((await clerk['licences.find']({ search, serviceCode: 'scrap-metal' })).some((l) => l.number === number), search);
    assert.deepEqual(await clerk['licences.find']({ search, serviceCode: 'grain-warehouse' }), [], search);
  }

  await assert.rejects(draft(clerk, { procedure: 'reissue' }), { code: 'invalid-input', reason: 'original-licence-required' });
  await assert.rejects(draft(clerk, { procedure: 'duplicate', originalNumber: 'KZ26XXX00000042' }), { code: 'invalid-input', reason: 'original-licence-unknown' });
  await assert.rejects(draft(clerk, { procedure: 'issue', originalNumber: number }), { code: 'invalid-input', reason: 'original-only-for-reissue' });
  await assert.rejects(draft(clerk, { procedure: 'duplicate', originalNumber: number }, '091240004563'), { code: 'invalid-input', reason: 'original-licence-other-holder' });
  await assert.rejects(
    clerk['applications.createDraft']({ serviceCode: 'grain-warehouse', procedure: 'reissue', applicantKind: 'legal', applicantIdn: '150840001234', representation: { kind: 'none' }, originalNumber: number }),
    { code: 'invalid-input', reason: 'original-licence-other-service' },
  );
  // A successor (a legal entity reorganised under another BIN) may ask for the reissue.
  const successor = await draft(clerk, { procedure: 'reissue', originalNumber: number }, '091240004563');
  assert.equal(successor.original?.number, number);
  await clerk['applications.discardDraft']({ id: successor.id });
});

test('a reissue is a new licence naming the original, which is then reissued (and not reissued twice); a duplicate is a copy marked so, with the licence’s number and date', async () => {
  const first = await issued();
  const originalNumber = first.detail.decision!.number;
  const originalDate = kazakhstanDate(new Date(first.detail.decision!.signedAt));

  const reissue = await issued({ procedure: 'reissue', originalNumber });
  const newNumber = reissue.detail.decision!.number;
  assert.notEqual(newNumber, originalNumber);
  assert.equal(reissue.detail.original?.number, originalNumber);
  assert.equal(reissue.detail.original?.state, 'reissued');
  assert.equal(reissue.detail.original?.reissuedAs, newNumber);
  assert.equal((await first.head['applications.get']({ id: first.app.id })).licence?.state, 'reissued', 'the original application shows it');
  const reissueText = await pdfText(reissue.head, reissue.detail.decision!.id, 'reissue');
  assert.ok(reissueText.includes('Қайта ресімделген лицензия (бұрынғы нөмірі және күні) / Переоформлена взамен лицензии (прежние номер и дата)'), reissueText);
  assert.ok(reissueText.includes(`№ ${originalNumber}, ${printedDay(originalDate)}`));
  assert.ok(!reissueText.includes('Дубликат'));
  const told = t.core.ctx.db.prepare("SELECT payload FROM events WHERE type = 'licence.issued' AND entity_id = ?").get(reissue.app.id) as { payload: string };
  assert.equal((JSON.parse(told.payload) as { originalNumber?: string }).originalNumber, originalNumber, 'the registry is told which licence it replaces');
  await assert.rejects(draft(reissue.clerk, { procedure: 'reissue', originalNumber }), { code: 'invalid-input', reason: 'original-licence-not-current' });

  const copy = await issued({ procedure: 'duplicate', originalNumber: newNumber });
  assert.equal(copy.detail.decision!.number, `${newNumber}-D1`);
  assert.equal(copy.detail.licence, null, 'a copy is not a licence of its own');
  assert.equal(copy.detail.original?.state, 'in-force', 'the licence stays in force');
  const copyText = await pdfText(copy.head, copy.detail.decision!.id, 'duplicate');
  const newDate = kazakhstanDate(new Date(reissue.detail.decision!.signedAt));
  for (const expected of ['Телнұсқа / Дубликат', `${printedDay(newDate)} № ${newNumber}`, `№ ${newNumber}, ${printedDay(newDate)}`, 'Телнұсқаның берілген күні / Дата выдачи дубликата', 'Атырау Металл Ресайклинг']) {
    assert.ok(copyText.includes(expected), `${expected} in ${copyText}`);
  }
  const again = await issued({ procedure: 'duplicate', originalNumber: newNumber });
  assert.equal(again.detail.decision!.number, `${newNumber}-D2`);
  assert.deepEqual(
    (await copy.clerk['licences.find']({ search: newNumber })).map((l) => l.number),
    [newNumber],
    'duplicates are never offered as originals',
  );

  // The copy is checked like any licence: its QR code names the copy, and the record matches it.
  const bytes = (await copy.head['decisions.pdf']({ decisionId: copy.detail.decision!.id })).contentBase64;
  const report = await copy.head['documents.verify']({ fileName: 'duplicate.pdf', contentBase64: bytes });
  assert.equal(report.qr?.status, 'matches-record', JSON.stringify(report.qr));
  assert.equal(report.qr?.number, `${newNumber}-D1`);
});

test('a reissue draft starts from what the licence it replaces says: its production base, conditions, sub-types and validity', async () => {
  const [clerk, head, executor] = await Promise.all([t.as('clerk'), t.as('head'), t.as('executor')]);
  const app = await registeredApplication(t, clerk);
  const executorId = (await head['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!.id;
  await head['applications.assign']({ id: app.id, executorId });
  const drafted = { subtypes: [1], productionBase: 'Атырау қ., Өндіріс к-сі, 12, №3 қойма', specialConditions: 'Әр партияны радиациялық бақылау', validUntil: null };
  await executor['decisions.saveDraft']({ applicationId: app.id, draft: drafted });
  for (const item of app.checklist) await executor['checklist.set']({ applicationId: app.id, itemCode: item.code, met: true, note: '' });
  await executor['applications.submitForDecision']({ id: app.id });
  const number = (await head['decisions.issueLicence']({ applicationId: app.id, ...headKey(t) })).decision!.number;
  const reissue = await draft(clerk, { procedure: 'reissue', originalNumber: number });
  assert.deepEqual(reissue.licenceDraft, drafted);
  assert.equal((await draft(clerk, { procedure: 'duplicate', originalNumber: number })).licenceDraft, null, 'a duplicate copies the licence as it is, with no draft of its own');
});
