import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { startTestCore, type TestCore } from '../../support/core';
import { headKey, readyForDecision } from '../../support/workflow';
import { JOURNAL_REPORT_HEADERS } from '../../../main/services/reports';

let t: TestCore;
before(async () => {
  t = await startTestCore();
});
after(() => t.close());

const today = () => new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);

test('the registration journal for a period as XLSX and CSV: every registered application, its decision and hand-out, as the database has them', async () => {
  const { app, clerk, head } = await readyForDecision(t);
  const issued = await head['decisions.issueLicence']({ applicationId: app.id, ...headKey(t) });
  await clerk['applications.handOut']({ id: app.id, handedAt: new Date().toISOString(), recipient: 'Ахметов Арман', recipientIdn: null, method: 'in-person' });
  const registered = (await head['applications.journal']({ limit: 500 })).filter((r) => r.journalNumber !== null);

  const xlsx = await head['reports.journal']({ from: today(), to: today(), format: 'xlsx' });
  assert.equal(xlsx.rows, registered.length);
  assert.match(xlsx.fileName, /^journal-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(xlsx.contentBase64, 'base64') as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  assert.deepEqual((sheet.getRow(3).values as unknown[]).slice(1), JOURNAL_REPORT_HEADERS);
  const lines = Array.from({ length: sheet.rowCount - 3 }, (_, i) => (sheet.getRow(i + 4).values as unknown[]).slice(1).map((v) => (v === undefined ? '' : String(v))));
  assert.deepEqual(lines.map((l) => l[1]).sort(), registered.map((r) => r.journalNumber!).sort(), 'every registered application, once');
  const line = lines.find((l) => l[1] === app.journalNumber)!;
  assert.equal(line[3], app.applicant.name);
  assert.equal(line[4], app.applicant.idn);
  assert.equal(line[8], 'лицензия / лицензия');
  assert.equal(line[9], issued.decision!.number);
  assert.equal(line[11], today());
  assert.equal(line[12], 'Ахметов Арман');
  assert.match(line[5]!, /Түсті және қара металдардың/, 'Kazakh letters intact');

  const csv = await head['reports.journal']({ from: today(), to: today(), format: 'csv' });
  const text = Buffer.from(csv.contentBase64, 'base64').toString('utf8');
  assert.ok(text.startsWith('\uFEFF'), 'a byte-order mark, so Excel reads UTF-8');
  const rows = text.slice(1).trimEnd().split('\r\n');
  assert.equal(rows.length, registered.length + 1);
  assert.ok(rows.some((r) => r.includes(issued.decision!.number) && r.includes('Ахметов Арман')));

  assert.equal((await head['reports.journal']({ from: '2020-01-01', to: '2020-01-31', format: 'csv' })).rows, 0);
  await assert.rejects(head['reports.journal']({ from: today(), to: '2020-01-01', format: 'csv' }), { code: 'invalid-arguments' });
  await assert.rejects(head['reports.journal']({ from: '2020-01-01', to: '2022-01-01', format: 'csv' }), { code: 'invalid-arguments' });
  await assert.rejects((await t.as('executor'))['reports.journal']({ from: today(), to: today(), format: 'csv' }), { code: 'forbidden' });
});
