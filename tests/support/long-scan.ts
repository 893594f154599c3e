import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { compactPdf } from '../../scanner/pdf/compact-pdf';
import { KAZAKH_TEXT, RUSSIAN_TEXT, textPage } from './ocr-pages';

const DISTINCT_PAGES = 4;

/**
 * A long scanned PDF as an office copier makes one: 300 dpi bilevel page images (CCITT G4, through the
 * app's own compactPdf), each page stamped with its number in the corner (Bates numbering). A few
 * distinct scans are repeated, each copy its own image object, so the file is as large as a real one.
 */
export async function longScannedPdf(pages: number): Promise<Buffer> {
  const scans: { image: Buffer; resolution: number }[] = [];
  for (let i = 0; i < DISTINCT_PAGES; i++) {
    const lines = i % 2 === 0 ? KAZAKH_TEXT : RUSSIAN_TEXT;
    scans.push({ image: await textPage([...lines.slice(i), ...lines.slice(0, i)], 'noisy', i + 1), resolution: 300 });
  }
  const source = await PDFDocument.load((await compactPdf(scans, { title: 'Long scan', created: new Date('2026-12-01T09:00:00Z') })).pdf);
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.HelveticaBold);
  for (let n = 1; n <= pages; n++) {
    const [page] = await pdf.copyPages(source, [(n - 1) % DISTINCT_PAGES]);
    pdf.addPage(page!).drawText(`${n} / ${pages}`, { x: 470, y: 800, size: 22, font, color: rgb(0, 0, 0) });
  }
  return Buffer.from(await pdf.save());
}
