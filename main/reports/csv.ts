import type { ReportTable } from './table';

/** A CSV cell: quoted when it holds the separator, a quote or a line break; a leading = + - @ is neutralised (no formula injection). */
function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a byte-order mark and ";" between cells, as Excel opens it here; the header row first. */
export function tableCsv(table: ReportTable): Buffer {
  const text = [table.columns.map((c) => csvCell(c.header)), ...table.rows.map((row) => row.map(csvCell))].map((row) => row.join(';')).join('\r\n');
  return Buffer.from(`\uFEFF${text}\r\n`, 'utf8');
}
