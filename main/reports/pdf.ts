import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { embedDejaVu, wrapText } from '../fonts';
import type { ReportTable } from './table';

/** Landscape A4, as the paper journal is kept. */
const PAGE: [number, number] = [841.89, 595.28];
const MARGIN = 36;
const CELL_SIZE = 7;
/** The header a little smaller: its long words ("Регистрационный") would otherwise widen their columns most. */
const HEADER_SIZE = 6.5;
const PAD = 2.5;
const GREY = rgb(0.35, 0.35, 0.35);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/**
 * The report as a printable table: title and period on the first page, the header row repeated on every
 * page, each cell's text wrapped within its column, a row never split across pages, and "page N of M"
 * under each. Drawn with pdf-lib (no HTML engine in the core); DejaVu Sans keeps every Kazakh letter.
 */
export async function tablePdf(table: ReportTable): Promise<Buffer> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedDejaVu(pdf);
  pdf.setTitle(table.title);
  pdf.setLanguage('kk-KZ');
  pdf.setCreator('АЖО');
  pdf.setProducer('АЖО');
  const usable = PAGE[0] - 2 * MARGIN;
  const widths = columnWidths(table, fonts, usable);

  let page!: PDFPage;
  let y = 0;
  const newPage = () => {
    page = pdf.addPage(PAGE);
    y = PAGE[1] - MARGIN;
  };
  const text = (line: string, font: PDFFont, size: number, x: number) => page.drawText(line, { x, y: y - size, size, font, color: rgb(0, 0, 0) });

  /** One row of cells, its height the tallest cell's; on a new page when it does not fit (then the header first). */
  const drawRow = (cells: string[], font: PDFFont, header: boolean) => {
    const size = header ? HEADER_SIZE : CELL_SIZE;
    const line = size * 1.25;
    const wrapped = cells.map((cell, i) => wrapText(cell, font, size, widths[i]! - 2 * PAD));
    const height = Math.max(...wrapped.map((lines) => lines.length)) * line + 2 * PAD;
    if (y - height < MARGIN + 14) {
      newPage();
      if (!header) drawRow(table.columns.map((c) => c.header), fonts.bold, true);
    }
    let x = MARGIN;
    wrapped.forEach((lines, i) => {
      const width = widths[i]!;
      if (header) page.drawRectangle({ x, y: y - height, width, height, color: rgb(0.92, 0.92, 0.92) });
      page.drawRectangle({ x, y: y - height, width, height, borderColor: GREY, borderWidth: 0.4 });
      lines.forEach((text, n) => page.drawText(text, { x: x + PAD, y: y - PAD - (n + 1) * line + (line - size) / 2, size, font, color: rgb(0, 0, 0) }));
      x += width;
    });
    y -= height;
  };

  newPage();
  for (const line of wrapText(table.title, fonts.bold, 12, usable)) {
    text(line, fonts.bold, 12, MARGIN + (usable - fonts.bold.widthOfTextAtSize(line, 12)) / 2);
    y -= 12 * 1.3;
  }
  for (const line of table.subtitle.flatMap((s) => wrapText(s, fonts.regular, 9, usable))) {
    text(line, fonts.regular, 9, MARGIN + (usable - fonts.regular.widthOfTextAtSize(line, 9)) / 2);
    y -= 9 * 1.3;
  }
  y -= 6;
  drawRow(table.columns.map((c) => c.header), fonts.bold, true);
  for (const row of table.rows) drawRow(row.map(String), fonts.regular, false);
  if (table.rows.length === 0) {
    y -= 4;
    text('Жазба жоқ / Записей нет', fonts.regular, 9, MARGIN);
  }
  footers(pdf, fonts);
  return Buffer.from(await pdf.save());
}

/** "Page N of M" under every page, once the pages are all laid out. */
function footers(pdf: PDFDocument, fonts: Fonts) {
  const pages = pdf.getPages();
  pages.forEach((p, i) => {
    const label = `Бет / Стр. ${i + 1} / ${pages.length}`;
    p.drawText(label, { x: PAGE[0] - MARGIN - fonts.regular.widthOfTextAtSize(label, 8), y: MARGIN / 2, size: 8, font: fonts.regular, color: GREY });
  });
}

/** The widest a column grows to keep its longest word (a licence number, a date) on one line. */
const MAX_WORD_COLUMN = 140;

/**
 * Column widths: as the table proportions them, but never narrower than the column's longest word (so
 * numbers and dates stay on one line), the room for that taken from the columns with text to wrap.
 */
function columnWidths(table: ReportTable, fonts: Fonts, usable: number): number[] {
  const longest = table.columns.map((c, i) => {
    let widest = Math.max(...c.header.split(/\s+/).map((w) => fonts.bold.widthOfTextAtSize(w, HEADER_SIZE)));
    for (const row of table.rows) {
      for (const word of String(row[i] ?? '').split(/\s+/)) widest = Math.max(widest, fonts.regular.widthOfTextAtSize(word, CELL_SIZE));
    }
    return Math.min(MAX_WORD_COLUMN, widest + 2 * PAD + 1);
  });
  const total = table.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = table.columns.map((c, i) => Math.max(longest[i]!, (c.width / total) * usable));
  const excess = widths.reduce((a, b) => a + b, 0) - usable;
  const slack = widths.map((w, i) => w - longest[i]!);
  const room = slack.reduce((a, b) => a + b, 0);
  if (excess <= 0 || room <= 0) return widths;
  const cut = Math.min(1, excess / room);
  return widths.map((w, i) => w - slack[i]! * cut);
}
