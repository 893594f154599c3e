import ExcelJS from 'exceljs';
import { AppError } from '../../domain/api/errors';
import { REPORT_MAX_ROWS } from '../../domain/api/reports';
import { journalLines, type JournalLine } from '../../db/repositories/journal-report';
import { getAuthority } from '../../db/repositories/authority';
import type { CoreContext } from '../context';

/** Kazakhstan's calendar date and time (UTC+5) of an instant, as the paper journal writes them. */
const kzDate = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 5 * 3600_000).toISOString().slice(0, 10) : '');
const kzDateTime = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 5 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

const PROCEDURES: Record<string, string> = { issue: 'беру / выдача', reissue: 'қайта ресімдеу / переоформление', duplicate: 'телнұсқа / дубликат' };
const RESULTS: Record<string, string> = { licence: 'лицензия / лицензия', refusal: 'бас тарту / отказ' };

/** The columns of the registration journal, headed in both languages. */
const COLUMNS: { header: string; width: number; value: (line: JournalLine, index: number, service: (code: string) => string) => string | number }[] = [
  { header: '№ р/с / № п/п', width: 8, value: (_l, i) => i + 1 },
  { header: 'Тіркеу нөмірі / Регистрационный номер', width: 20, value: (l) => l.journalNumber },
  { header: 'Түскен күні / Дата поступления', width: 18, value: (l) => kzDateTime(l.registeredAt) },
  { header: 'Өтініш беруші / Заявитель', width: 40, value: (l) => l.applicantName },
  { header: 'БСН/ЖСН / БИН/ИИН', width: 15, value: (l) => l.applicantIdn },
  { header: 'Қызмет / Услуга', width: 40, value: (l, _i, service) => service(l.serviceCode) },
  { header: 'Рәсім / Процедура', width: 22, value: (l) => PROCEDURES[l.procedure] ?? l.procedure },
  { header: 'Орындаушы / Исполнитель', width: 28, value: (l) => l.executorName ?? '' },
  { header: 'Нәтиже / Результат', width: 18, value: (l) => (l.decisionKind ? (RESULTS[l.decisionKind] ?? l.decisionKind) : '') },
  { header: 'Шешім нөмірі / Номер решения', width: 20, value: (l) => l.decisionNumber ?? '' },
  { header: 'Шешім күні / Дата решения', width: 14, value: (l) => kzDate(l.decidedAt) },
  { header: 'Берілген күні / Дата выдачи', width: 14, value: (l) => kzDate(l.handedAt) },
  { header: 'Алушы / Получатель', width: 28, value: (l) => l.recipient ?? '' },
];

/** A CSV cell: quoted when it holds the separator, a quote or a line break; a leading = + - @ is neutralised (no formula injection). */
function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The registration journal for a period (Kazakhstan dates, both included), as the office keeps it on paper:
 * a spreadsheet (XLSX) or CSV (UTF-8 with a byte-order mark and ";" between cells, as Excel opens it here).
 */
export async function journalReport(ctx: CoreContext, input: { from: string; to: string; format: 'xlsx' | 'csv' }) {
  const from = new Date(Date.parse(`${input.from}T00:00:00+05:00`)).toISOString();
  const until = new Date(Date.parse(`${input.to}T00:00:00+05:00`) + 86_400_000).toISOString();
  const lines = journalLines(ctx.db, from, until, REPORT_MAX_ROWS + 1);
  if (lines.length > REPORT_MAX_ROWS) throw new AppError('invalid-input', 'report-too-large', { max: String(REPORT_MAX_ROWS) });
  const names = new Map(ctx.catalogue.services.map((s) => [s.code, `${s.name.kk} / ${s.name.ru}`]));
  const service = (code: string) => names.get(code) ?? code;
  const table = lines.map((line, i) => COLUMNS.map((c) => c.value(line, i, service)));
  const base = `journal-${input.from}-${input.to}`;
  if (input.format === 'csv') {
    const text = [COLUMNS.map((c) => csvCell(c.header)), ...table.map((row) => row.map(csvCell))].map((row) => row.join(';')).join('\r\n');
    return { fileName: `${base}.csv`, contentBase64: Buffer.from(`\uFEFF${text}\r\n`, 'utf8').toString('base64'), rows: lines.length };
  }
  const authority = getAuthority(ctx.db);
  const book = new ExcelJS.Workbook();
  book.creator = 'АЖО';
  const sheet = book.addWorksheet('Журнал', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.addRow([`Тіркеу журналы / Журнал регистрации: ${authority ? `${authority.nameKk} / ${authority.nameRu}` : ''}`]);
  sheet.addRow([`${input.from} — ${input.to}`]);
  const header = sheet.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  COLUMNS.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  for (const row of table) sheet.addRow(row);
  // The header repeats on every printed page.
  sheet.pageSetup.printTitlesRow = '3:3';
  const bytes = Buffer.from(await book.xlsx.writeBuffer());
  return { fileName: `${base}.xlsx`, contentBase64: bytes.toString('base64'), rows: lines.length };
}

/** The header row as the reports write it (tests read the files back by it). */
export const JOURNAL_REPORT_HEADERS = COLUMNS.map((c) => c.header);
