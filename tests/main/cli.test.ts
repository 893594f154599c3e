import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { runCli } from '../../main/cli/index';
import { databasePath, filesPath } from '../../main/storage';
import { openDatabase } from '../../db/open';
import { storeReference } from '../../db/repositories/reference-data';
import { headKey, readyForDecision } from '../support/workflow';
import { startTestCore } from '../support/core';
import { tempDir } from '../support/temp';
import { samplePdf, withFlippedByte } from '../support/documents';
import { textPage } from '../support/ocr-pages';
import { compactPdf } from '../../scanner/pdf/compact-pdf';

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const INIT = [
  'init', '--admin-username', 'admin', '--admin-password', 'long-password', '--admin-name', 'Әкімші',
  '--authority-name-kk', 'Басқарма', '--authority-name-ru', 'Управление', '--bin', '990140001114',
  '--place-kk', 'Қарағанды қ.', '--place-ru', 'г. Караганда', '--office-code', 'KRG',
];

test('ajo init, user add and db check work with flags alone', async () => {
  const dir = tempDir();
  try {
    const env = { AJO_DATA_DIR: dir.path };
    assert.equal((await cli(INIT, env)).code, 0);
    assert.equal((await cli(INIT, env)).code, 1, 'a second init is refused');
    const added = await cli(['user', 'add', '--username', 'clerk2', '--name', 'Клерк', '--role', 'clerk', '--role', 'executor', '--iin', '621012400231', '--password', 'long-password'], env);
    assert.equal(added.code, 0, added.err);
    assert.deepEqual(JSON.parse(added.out).roles, ['clerk', 'executor']);
    const bad = await cli(['user', 'add', '--username', 'x', '--name', 'X', '--role', 'king', '--password', 'short'], env);
    assert.equal(bad.code, 2);
    const check = await cli(['db', 'check'], env);
    assert.equal(check.code, 0);
    assert.equal(JSON.parse(check.out).ok, true);
  } finally {
    dir.remove();
  }
});

test('ajo verify reports a signed licence as JSON and a changed one as invalid; ajo sign signs with a GOST key and an RSA one', async () => {
  const t = await startTestCore();
  const dir = tempDir();
  try {
    const { app: draft, clerk, head } = await readyForDecision(t);
    const issued = await head['decisions.issueLicence']({ applicationId: draft.id, keyFileBase64: readFileSync(t.pki.headKeyFile).toString('base64'), keyPassword: 'demo-key-password' });
    const pdf = Buffer.from((await clerk['decisions.pdf']({ decisionId: issued.decision!.id })).contentBase64, 'base64');
    const file = join(dir.path, 'licence.pdf');
    writeFileSync(file, pdf);

    const env = { AJO_DATA_DIR: t.dataDir };
    const ok = await cli(['verify', file], env);
    assert.equal(ok.code, 0, ok.out);
    const report = JSON.parse(ok.out);
    assert.equal(report.valid, true);
    assert.equal(report.signatures[0].signer.iin, '781103500670');
    assert.equal(report.signatures[0].signer.bin, '990140001114');
    assert.equal(report.signatures[0].chainTrusted, true);

    assert.equal(report.signatures[0].certificate.algorithm, 'gost2015-512', "the demo head's GOST 2015 key");

    // Without a trust store nothing vouches for the signer: intact, but never "valid"; with the CAs given, judged by them.
    const nowhere = { AJO_DATA_DIR: join(dir.path, 'no-desk-here') };
    const untrusted = await cli(['verify', file], nowhere);
    assert.equal(untrusted.code, 1, untrusted.out);
    assert.deepEqual((({ valid, intact, problem }) => ({ valid, intact, problem }))(JSON.parse(untrusted.out)), { valid: false, intact: true, problem: 'no-trust-store' });
    assert.match(untrusted.err, /integrity only/);
    const given = await cli(['verify', file, '--trust', t.pki.rootPem, '--trust', t.pki.intermediatePem], nowhere);
    assert.equal(given.code, 0, given.out);
    assert.equal(JSON.parse(given.out).signatures[0].chainTrusted, true);

    // ajo sign, on the authority's behalf, with the head's GOST key; then with the RSA one over it.
    const letter = join(dir.path, 'letter.pdf');
    writeFileSync(letter, await samplePdf('Letter'));
    const signed = join(dir.path, 'letter-signed.pdf');
    const twice = join(dir.path, 'letter-signed-twice.pdf');
    const keyEnv = { ...env, AJO_KEY_PASSWORD: 'demo-key-password' };
    assert.equal((await cli(['sign', letter, '--key', t.pki.headKeyFile, '--out', signed], keyEnv)).code, 0);
    assert.equal((await cli(['sign', signed, '--key', t.pki.headRsaKeyFile, '--out', twice], keyEnv)).code, 0);
    const both = await cli(['verify', twice], env);
    assert.equal(both.code, 0, both.out);
    assert.deepEqual((JSON.parse(both.out) as { signatures: { certificate: { algorithm: string } }[] }).signatures.map((s) => s.certificate.algorithm), ['gost2015-512', 'rsa']);
    const wrong = await cli(['sign', letter, '--key', t.pki.headKeyFile, '--out', join(dir.path, 'never.pdf')], { ...env, AJO_KEY_PASSWORD: 'wrong' });
    assert.equal(wrong.code, 1);
    assert.match(wrong.err, /signing-refused \(key-wrong-password\)/);

    writeFileSync(file, withFlippedByte(pdf, 500));
    assert.equal((await cli(['verify', file], env)).code, 1);
    writeFileSync(file, 'not a pdf');
    assert.equal((await cli(['verify', file], env)).code, 2);
  } finally {
    dir.remove();
    await t.close();
  }
});

test('npx ajo runs from the checkout', () => {
  const result = spawnSync('npx', ['--no-install', 'ajo', 'help'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /ajo verify FILE \[--data DATA\]/);
});

test('ajo ocr prints the text of a scanned PDF page by page, or JSON with the IINs/BINs found', { timeout: 120_000 }, async () => {
  const dir = tempDir();
  try {
    const pages = [await textPage(['Анықтама № 5', 'БСН 091240004563'], 'jpeg'), await textPage(['Справка выдана в городе Караганда'], 'noisy')];
    const pdf = await compactPdf(pages.map((image) => ({ image, resolution: 300 })), { title: 'scan' });
    const file = join(dir.path, 'scan.pdf');
    writeFileSync(file, pdf.pdf);
    const text = await cli(['ocr', file]);
    assert.equal(text.code, 0, text.err);
    const [first, second] = text.out.split('\f');
    assert.match(first!, /Анықтама/);
    assert.match(second!, /Караганда/);
    const json = await cli(['ocr', '--json', file]);
    assert.deepEqual(JSON.parse(json.out).identifiers, ['091240004563']);
    writeFileSync(join(dir.path, 'notes.txt'), 'not a scan');
    const bad = await cli(['ocr', join(dir.path, 'notes.txt')]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /unsupported-format/);
  } finally {
    dir.remove();
  }
});

test("ajo db check and ajo audit verify pass a day's work and each finds forged records; ajo verify names the fields that differ", async () => {
  const t = await startTestCore();
  const dir = tempDir();
  try {
    const env = { AJO_DATA_DIR: t.dataDir };
    const issued = await readyForDecision(t);
    const licence = await issued.head['decisions.issueLicence']({ applicationId: issued.app.id, ...headKey(t) });
    const ready = await readyForDecision(t);
    const pdf = Buffer.from((await issued.clerk['decisions.pdf']({ decisionId: licence.decision!.id })).contentBase64, 'base64');
    const file = join(dir.path, 'licence.pdf');
    writeFileSync(file, pdf);

    const clean = await cli(['db', 'check'], env);
    assert.equal(clean.code, 0, clean.out);
    assert.deepEqual(JSON.parse(clean.out).store, []);
    assert.equal((await cli(['audit', 'verify'], env)).code, 0);
    assert.deepEqual(JSON.parse((await cli(['verify', file], env)).out).qr.differences, []);

    // Someone with the SQLite file changes who signed the licence.
    const forger = new Database(databasePath(t.dataDir));
    forger.prepare("UPDATE decisions SET signer_name = 'Басқа Адам', signer_iin = '621012400231' WHERE id = ?").run(licence.decision!.id);
    const audit = await cli(['audit', 'verify'], env);
    assert.equal(audit.code, 1);
    assert.deepEqual(JSON.parse(audit.out).rows.map((r: { table: string }) => r.table), ['decisions']);
    const check = await cli(['db', 'check'], env);
    assert.equal(check.code, 1);
    assert.deepEqual(JSON.parse(check.out).store, [
      { check: 'decision', subject: `decision ${licence.decision!.number}`, problem: 'record-differs-from-signed-document', fields: ['signerName', 'signerIin'] },
    ]);
    const verified = await cli(['verify', file], env);
    assert.equal(verified.code, 1);
    assert.deepEqual([JSON.parse(verified.out).qr.status, JSON.parse(verified.out).qr.differences], ['differs-from-record', ['signerName', 'signerIin']]);

    // An application marked issued with no decision; a stored document damaged on disk.
    forger.prepare("UPDATE applications SET status = 'issued' WHERE id = ?").run(ready.app.id);
    const document = ready.app.slots.find((s) => s.code === 'application')!.documents[0]!;
    writeFileSync(join(filesPath(t.dataDir), document.sha256.slice(0, 2), document.sha256), 'damaged');
    forger.close();
    const problems = JSON.parse((await cli(['db', 'check'], env)).out).store as { check: string; subject: string; problem: string }[];
    assert.ok(problems.some((p) => p.problem === 'issued-without-signed-decision' && p.subject === `application ${ready.app.journalNumber}`), JSON.stringify(problems));
    assert.ok(problems.some((p) => p.check === 'file' && p.problem === 'damaged' && p.subject === `document application.pdf (${ready.app.journalNumber})`), JSON.stringify(problems));
    // The app names the damaged file to the user instead of failing inside.
    await assert.rejects(ready.clerk['documents.content']({ documentId: document.id }), { code: 'file-damaged', reason: 'damaged', params: { file: 'application.pdf' } });
  } finally {
    dir.remove();
    await t.close();
  }
});

test('ajo calendar show YEAR prints the year\'s weekdays off, or its working weekend days, by the calendar the desk works by; a year it lacks is an error', async () => {
  const shipped = JSON.parse(readFileSync(new URL('../../assets/calendar/kz-2026.json', import.meta.url), 'utf8')) as { daysOff: string[] };
  const weekdays = shipped.daysOff.filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
  const dir = tempDir('ajo-calendar-');
  try {
    const env = { AJO_DATA_DIR: dir.path };
    const year = await cli(['calendar', 'show', '2026'], env);
    assert.equal(year.code, 0, year.err);
    assert.deepEqual(year.out.split('\n'), weekdays, 'no database yet: the shipped year');
    const missing = await cli(['calendar', 'show', '2031'], env);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /2031 is not in the working calendar/);
    assert.equal((await cli(['calendar', 'show', 'next'], env)).code, 2);

    // What the registry published is in the desk's database: the desk works by it.
    const db = openDatabase(databasePath(dir.path));
    storeReference(db, 'calendar', '2031', { year: 2031, daysOff: ['2031-01-01', '2031-01-02', '2031-01-03'], workingWeekends: ['2031-01-04'] }, new Date().toISOString());
    db.close();
    assert.deepEqual((await cli(['calendar', 'show', '2031'], env)).out.split('\n'), ['2031-01-01', '2031-01-02', '2031-01-03']);
    assert.deepEqual((await cli(['calendar', 'show', '2031', '--working-weekends'], env)).out.split('\n'), ['2031-01-04']);
  } finally {
    dir.remove();
  }
});

test('ajo calendar import FILE takes a decreed year in place of the desk’s own and recounts open deadlines; a bad file changes nothing', async () => {
  const t = await startTestCore();
  const dir = tempDir('ajo-calendar-import-');
  try {
    const env = { AJO_DATA_DIR: t.dataDir };
    const clerk = await t.as('clerk');
    const draft = await clerk['applications.createDraft']({ serviceCode: 'scrap-metal', procedure: 'issue', applicantKind: 'legal', applicantIdn: '150840001234', representation: { kind: 'none' } });
    // A year mixed up with another: refused, and the desk's calendar stays as it was.
    const wrong = join(dir.path, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ year: 2031, daysOff: ['2030-01-01'], workingWeekends: [] }));
    const refused = await cli(['calendar', 'import', wrong], env);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /every date must fall in the year/);
    assert.equal((await cli(['calendar', 'show', '2031'], env)).code, 1);
    writeFileSync(wrong, '{"year": 2031,');
    assert.equal((await cli(['calendar', 'import', wrong], env)).code, 2);

    // The law's draft of 2031, completed by hand (a decree's moved day), imported.
    const drafted = await cli(['calendar', 'draft', '2031', '--kurban-ait', '2031-03-28'], env);
    assert.equal(drafted.code, 0, drafted.err);
    const year = JSON.parse(drafted.out) as { year: number; daysOff: string[]; provisional: boolean };
    assert.equal(year.provisional, true);
    assert.ok(year.daysOff.includes('2031-03-28') && year.daysOff.includes('2031-03-24'), 'Kurban Ait on a Friday; Nauryz’s Saturday carried to Monday 24 March');
    const file = join(dir.path, 'kz-2031.json');
    writeFileSync(file, JSON.stringify({ ...year, provisional: false, source: 'decree of test', daysOff: [...year.daysOff, '2031-12-31'].sort() }));
    const imported = await cli(['calendar', 'import', file], env);
    assert.equal(imported.code, 0, imported.err);
    assert.match(imported.out, /^2031: \d+ weekdays off, 0 working weekend days; \d+ open deadlines recounted$/);
    assert.ok((await cli(['calendar', 'show', '2031'], env)).out.split('\n').includes('2031-12-31'));
    // Recorded in the audit trail, which stays intact.
    const db = new Database(databasePath(t.dataDir), { readonly: true });
    const events = db.prepare("SELECT entity_id FROM events WHERE type = 'calendar.imported'").all() as { entity_id: string }[];
    const steps = db.prepare('SELECT step FROM application_steps WHERE application_id = ? AND ended_at IS NULL').all(draft.id) as { step: string }[];
    db.close();
    assert.deepEqual(events.map((e) => e.entity_id), ['calendar:2031']);
    assert.deepEqual(steps.map((s) => s.step), ['register'], 'the draft waits on its registration');
    assert.equal((await cli(['audit', 'verify'], env)).code, 0);
  } finally {
    dir.remove();
    await t.close();
  }
});
