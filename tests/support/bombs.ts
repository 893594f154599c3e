import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createDeflate } from 'node:zlib';
import { PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';

/**
 * A decompression bomb: a one-page PDF whose single image declares 30000 × 30000 grey pixels, and
 * really holds them — 900 MB of zeros in about 900 KB of Flate. Made once per machine (a few seconds)
 * and kept in the temporary folder.
 */
export async function imageBombPdf(side = 30_000): Promise<Buffer> {
  const dir = join(tmpdir(), 'ajo-test-bombs');
  const file = join(dir, `image-bomb-${side}.pdf`);
  if (existsSync(file)) return readFileSync(file);
  const bytes = await pdfWithImage(side, side, await deflatedZeros(side * side));
  mkdirSync(dir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, bytes);
  renameSync(temp, file);
  return bytes;
}

/** A one-page PDF with one 8-bit grey Flate image that declares this size and holds these compressed bytes. */
export async function pdfWithImage(width: number, height: number, flate: Buffer): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const dict = pdf.context.obj({ Type: 'XObject', Subtype: 'Image', Width: width, Height: height, ColorSpace: 'DeviceGray', BitsPerComponent: 8, Filter: 'FlateDecode' });
  dict.set(PDFName.of('Length'), PDFNumber.of(flate.length));
  page.node.setXObject(PDFName.of('Im0'), pdf.context.register(PDFRawStream.of(dict, flate)));
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

export async function deflatedZeros(total: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = once(deflate, 'end');
  const zeros = Buffer.alloc(1 << 20);
  for (let left = total; left > 0; left -= zeros.length) {
    if (!deflate.write(left >= zeros.length ? zeros : zeros.subarray(0, left))) await once(deflate, 'drain');
  }
  deflate.end();
  await ended;
  return Buffer.concat(out);
}
