import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';

/** A small real PDF standing in for a scanned paper document. */
export async function samplePdf(title: string, pages = 1): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) pdf.addPage([595, 842]).drawText(`${title} — page ${i + 1}`, { x: 60, y: 780, size: 14, font });
  return Buffer.from(await pdf.save());
}

/** A 1×1 PNG. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A copy with one bit changed at `at`: the smallest possible tampering. */
export function withFlippedByte(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeUInt8(copy.readUInt8(at) ^ 0x01, at);
  return copy;
}

/** A TIFF of `pages` small pages, each with a line of "ink", as a copier's multi-page scan. */
export async function multiPageTiff(pages: number): Promise<Buffer> {
  const width = 400;
  const height = 560;
  const raw = Buffer.alloc(width * height * pages, 255);
  for (let p = 0; p < pages; p++) for (let y = 100; y < 110; y++) raw.fill(0, (p * height + y) * width + 50, (p * height + y) * width + 350);
  return sharp(raw, { raw: { width, height: height * pages, channels: 1, pageHeight: height } }).tiff({ compression: 'lzw' }).toBuffer();
}
