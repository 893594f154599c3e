import ExcelJS from 'exceljs';
import type { ReportTable } from './table';

/** Rows above the table: the title and each subtitle line. */
const headerRowOf = (table: ReportTable) => table.subtitle.length + 2;

/** A landscape A4 sheet, fitted to the page width, its header row repeated on every printed page. */
export async function tableXlsx(table: ReportTable, sheetName: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'АЖО';
  const sheet = book.addWorksheet(sheetName, { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.addRow([table.title]).font = { bold: true };
  for (const line of table.subtitle) sheet.addRow([line]);
  const header = sheet.addRow(table.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  table.columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  for (const row of table.rows) sheet.addRow(row);
  const at = headerRowOf(table);
  sheet.pageSetup.printTitlesRow = `${at}:${at}`;
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The row of the sheet where the table's header stands (readers of the file start there). */
export const XLSX_HEADER_ROW = headerRowOf;
