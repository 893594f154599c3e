import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { ApiClient } from '../../../domain/api/client';
import type { ReportFormat, ReportKind } from '../../../domain/api/reports';
import { startTestCore, type TestCore } from '../../support/core';
import { tempDir } from '../../support/temp';
import { headKey, readyForDecision, registeredApplication } from '../../support/workflow';
import { REPORT_HEADERS } from '../../../main/services/reports';

/** The office's clock, moved by the tests: Tuesday 8 December 2026, 10:00 in Almaty (the demo PoA still valid). */
let now = Date.parse('2026-12-08T10:00:00+05:00');
let t: TestCore;
const dir = tempDir('reports');
before(async () => {
  t = await startTestCore({ now: () => new Date(now), idleSessionMs: 30 * 86_400_000 });
});
after(async () => {
  await t.close();
  dir.remove();
});

const day = () => new Date(now + 5 * 3600_000).toISOString().slice(0, 10);

async function get(client: ApiClient, kind: ReportKind, format: ReportFormat, from = day(), to = day()) {
  const report = await client['reports.get']({ kind, from, to, format });
  return { ...report, bytes: Buffer.from(report.contentBase64, 'base64') };
}

/** The sheet's table, from the header row down, every cell as text. */
async function sheetRows(bytes: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  return Array.from({ length: sheet.rowCount - 3 }, (_, i) => (sheet.getRow(i + 4).values as unknown[]).slice(1).map((v) => (v === undefined ? '' : String(v))));
}

function pdfText(bytes: Buffer, name: string): { text: string; pages: number } {
  const file = join(dir.path, `${name}.pdf`);
  writeFileSync(file, bytes);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  assert.match(info, /Page size:\s+841\.89 x 595\.28/, 'landscape A4');
  return { text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }), pages: Number(/Pages:\s+(\d+)/.exec(info)![1]) };
}

test('the registration journal for a period as PDF, XLSX and CSV: every registered application, its decision and hand-out, as the database has them', async () => {
  const { app, clerk, head } = await readyForDecision(t);
  const issued = await head['decisions.issueLicence']({ applicationId: app.id, ...headKey(t) });
  await clerk['applications.handOut']({ id: app.id, handedAt: new Date(now).toISOString(), recipient: 'Ахметов Арман', recipientIdn: null, method: 'in-person' });
  const registered = (await head['applications.journal']({ limit: 500 })).filter((r) => r.journalNumber !== null);

  const xlsx = await get(head, 'journal', 'xlsx');
  assert.equal(xlsx.rows, registered.length);
  assert.match(xlsx.fileName, /^journal-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const [header, ...lines] = await sheetRows(xlsx.bytes);
  assert.deepEqual(header, REPORT_HEADERS.journal);
  assert.deepEqual(lines.map((l) => l[1]).sort(), registered.map((r) => r.journalNumber!).sort(), 'every registered application, once');
  const line = lines.find((l) => l[1] === app.journalNumber)!;
  assert.equal(line[3], app.applicant.name);
  assert.equal(line[4], app.applicant.idn);
  assert.equal(line[8], 'лицензия / лицензия');
  assert.equal(line[9], issued.decision!.number);
  assert.equal(line[11], day());
  assert.equal(line[12], 'Ахметов Арман');
  assert.match(line[5]!, /Түсті және қара металдардың/, 'Kazakh letters intact');

  const csv = await get(head, 'journal', 'csv');
  const text = csv.bytes.toString('utf8');
  assert.ok(text.startsWith('\uFEFF'), 'a byte-order mark, so Excel reads UTF-8');
  const rows = text.slice(1).trimEnd().split('\r\n');
  assert.equal(rows.length, registered.length + 1);
  assert.ok(rows.some((r) => r.includes(issued.decision!.number) && r.includes('Ахметов Арман')));

  const pdf = pdfText((await get(head, 'journal', 'pdf')).bytes, 'journal');
  // Laid out as printed (-layout): a wrapped cell's words stand on lines of their own, so single words are looked for.
  for (const expected of ['Тіркеу журналы / Журнал регистрации', 'Кезең / Период', app.journalNumber!, issued.decision!.number, 'Ахметов', 'Бет / Стр. 1 / 1']) {
    assert.ok(pdf.text.includes(expected), `${expected} in the PDF`);
  }
  for (const word of ['Түсті', 'металдардың', 'қалдықтарын', 'Жұмабеков', 'Нұрлан', 'Маратұлы']) assert.ok(pdf.text.includes(word), `${word}: Kazakh letters intact in the PDF`);

  assert.equal((await get(head, 'journal', 'csv', '2020-01-01', '2020-01-31')).rows, 0);
  await assert.rejects(head['reports.get']({ kind: 'journal', from: day(), to: '2020-01-01', format: 'csv' }), { code: 'invalid-arguments' });
  await assert.rejects(head['reports.get']({ kind: 'journal', from: '2020-01-01', to: '2022-01-01', format: 'csv' }), { code: 'invalid-arguments' });
  await assert.rejects(head['reports.get']({ kind: 'audit' as never, from: day(), to: day(), format: 'csv' }), { code: 'invalid-arguments' });
  await assert.rejects((await t.as('executor'))['reports.get']({ kind: 'journal', from: day(), to: day(), format: 'csv' }), { code: 'forbidden' });
});

test('licences and refusals signed in the period: each decision as the database records it, in XLSX and in the printed PDF', async () => {
  const licensed = await readyForDecision(t);
  const licence = (await licensed.head['decisions.issueLicence']({ applicationId: licensed.app.id, ...headKey(t) })).decision!;
  const refusedApp = await readyForDecision(t);
  const refusal = (await refusedApp.head['decisions.refuse']({ applicationId: refusedApp.app.id, reason: 'Өндірістік база талаптарға сай емес', ...headKey(t) })).decision!;

  const { bytes, rows } = await get(licensed.head, 'decisions', 'xlsx');
  const [header, ...lines] = await sheetRows(bytes);
  assert.deepEqual(header, REPORT_HEADERS.decisions);
  const inDb = t.core.ctx.db
    .prepare("SELECT number FROM decisions WHERE signed_at >= ? AND signed_at < ? ORDER BY signed_at, number")
    .pluck()
    .all(new Date(Date.parse(`${day()}T00:00:00+05:00`)).toISOString(), new Date(Date.parse(`${day()}T00:00:00+05:00`) + 86_400_000).toISOString());
  assert.equal(rows, inDb.length);
  assert.deepEqual(lines.map((l) => l[1]), inDb, 'every decision of the day, in the order signed');
  const refusalLine = lines.find((l) => l[1] === refusal.number)!;
  assert.deepEqual([refusalLine[3], refusalLine[6], refusalLine[11]], ['бас тарту / отказ', refusedApp.app.journalNumber, 'Өндірістік база талаптарға сай емес']);
  assert.equal(lines.find((l) => l[1] === licence.number)![3], 'лицензия / лицензия');

  const pdf = pdfText((await get(licensed.head, 'decisions', 'pdf')).bytes, 'decisions');
  for (const expected of ['Берілген лицензиялар, қорытындылар және бас тартулар / Выданные лицензии, заключения и отказы', licence.number, refusal.number]) assert.ok(pdf.text.includes(expected), expected);
  assert.ok(pdf.text.includes('Өндірістік'), 'the refusal’s grounds, its Kazakh letters intact');
  assert.ok(pdf.pages >= 1 && pdf.text.split('\f').filter((page) => page.includes('Шешім нөмірі /')).length === pdf.pages, 'the header on every page');
});

test('the steps that overran, with whose they were: one still open past its due time, one ended late by the head', async () => {
  // Registered Tuesday 10:00: the head's 4 working hours run out at 15:30 (the lunch break is not counted).
  now = Date.parse('2026-12-08T10:00:00+05:00');
  const [clerk, head] = await Promise.all([t.as('clerk'), t.as('head')]);
  const late = await registeredApplication(t, clerk, { kind: 'none' });
  now = Date.parse('2026-12-08T17:30:00+05:00');
  const open = await get(head, 'overdue', 'xlsx');
  const [header, ...lines] = await sheetRows(open.bytes);
  assert.deepEqual(header, REPORT_HEADERS.overdue);
  const waiting = lines.find((l) => l[1] === late.journalNumber)!;
  assert.deepEqual(waiting.slice(4), ['Орындаушыны тағайындау / Назначение исполнителя', 'басшы / руководитель', '2026-12-08 10:00', '2026-12-08 15:30', 'жүріп жатыр / идёт', '2.0']);

  const executor = (await head['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!;
  await head['applications.assign']({ id: late.id, executorId: executor.id });
  const me = (await head['auth.me']({})).fullName;
  const [, ...after] = await sheetRows((await get(head, 'overdue', 'xlsx')).bytes);
  const ended = after.find((l) => l[1] === late.journalNumber && l[4]!.startsWith('Орындаушыны'))!;
  assert.deepEqual([ended[5], ended[8], ended[9]], [me, '2026-12-08 17:30', '2.0']);
  const pdf = pdfText((await get(head, 'overdue', 'pdf')).bytes, 'overdue');
  assert.ok(pdf.text.includes('Мерзімі бұзылған кезеңдер / Этапы с нарушением сроков') && pdf.text.includes(late.journalNumber!));
});

test('the survey’s answers per service and for the office: counts and the share satisfied, as recorded', async () => {
  now = Date.parse('2026-12-09T10:00:00+05:00');
  const answers = [
    ['satisfied', 'partly'],
    ['satisfied', 'satisfied'],
    ['not-satisfied', 'satisfied'],
  ] as const;
  for (const [process, information] of answers) {
    const { app, clerk, head } = await readyForDecision(t);
    await head['decisions.issueLicence']({ applicationId: app.id, ...headKey(t) });
    await clerk['applications.handOut']({ id: app.id, handedAt: new Date(now).toISOString(), recipient: 'Ахметов Арман', recipientIdn: null, method: 'in-person' });
    await clerk['applications.recordSurvey']({ id: app.id, process, information });
  }
  const head = await t.as('head');
  const [, ...lines] = await sheetRows((await get(head, 'survey', 'xlsx')).bytes);
  const total = (question: string) => lines.find((l) => l[0] === 'Барлығы / Итого' && l[1]!.startsWith(question))!.slice(2);
  assert.deepEqual(total('Үдеріс'), ['1', '0', '2', '3', '66.7']);
  assert.deepEqual(total('Тәртіп'), ['0', '1', '2', '3', '66.7']);
  assert.ok(lines.some((l) => /Түсті және қара металдардың/.test(l[0]!)), 'per service, by its name');
  const csv = (await get(head, 'survey', 'csv')).bytes.toString('utf8');
  assert.match(csv, /Барлығы \/ Итого;Үдеріс және нәтиже \/ Процесс и результат;1;0;2;3;66\.7/);
  const pdf = pdfText((await get(head, 'survey', 'pdf')).bytes, 'survey');
  assert.ok(pdf.text.includes('Сауалнама нәтижелері / Результаты анкетирования'));
});
