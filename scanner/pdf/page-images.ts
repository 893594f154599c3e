import { once } from 'node:events';
import { crc32, createDeflate, createInflate } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFPage } from 'pdf-lib';

/**
 * The scanned image behind each page of a PDF, for OCR and for the tray: scanners and this app write
 * one image per page. JPEG images are returned as they are; Flate images (any bit depth, grey or RGB)
 * are rewrapped as PNG, whose IDAT is the same zlib stream once every row has a filter byte. Pages
 * without such an image (born-digital text, CMYK, JBIG2) give null: there is nothing to read there.
 *
 * A PDF says how big its images are; a hostile one says "30000 × 30000" in a few hundred kilobytes of
 * zeros. The size each image declares is checked against the pixel limit before anything is decoded
 * (importedImageTooLarge, on import), and decoding is streamed and stopped at the declared size, so a
 * page never costs more memory than its compressed bytes and the PNG it becomes.
 */
export interface PdfPageImage {
  image: Buffer;
  /** Pixels per inch, from the image's width over the page's width. */
  resolution: number;
}

/** The pages' images one at a time, each decoded only when it is asked for. */
export async function* pdfPageImages(pdfBytes: Uint8Array): AsyncGenerator<PdfPageImage | null> {
  const pdf = await PDFDocument.load(pdfBytes, { updateMetadata: false });
  for (const page of pdf.getPages()) yield await pageImage(pdf, page);
}

/** The largest image the document declares, in pixels (width × height), without decoding any. */
export function largestDeclaredImage(pdf: PDFDocument): number {
  let largest = 0;
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream) || object.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    largest = Math.max(largest, numberOf(object.dict, 'Width') * numberOf(object.dict, 'Height'));
  }
  return largest;
}

async function pageImage(pdf: PDFDocument, page: PDFPage): Promise<PdfPageImage | null> {
  const xObjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  if (!xObjects) return null;
  let best: { stream: PDFRawStream; width: number } | null = null;
  for (const [, ref] of xObjects.entries()) {
    const stream = pdf.context.lookup(ref);
    if (!(stream instanceof PDFRawStream) || stream.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    const width = numberOf(stream.dict, 'Width');
    if (!best || width > best.width) best = { stream, width };
  }
  if (!best) return null;
  const image = await decodeImage(pdf, best.stream);
  if (!image) return null;
  return { image, resolution: Math.round((best.width / page.getWidth()) * 72) };
}

function numberOf(dict: PDFDict, key: string): number {
  const value = dict.get(PDFName.of(key));
  return value instanceof PDFNumber ? value.asNumber() : 0;
}

function singleFilter(dict: PDFDict): string | null {
  const filter = dict.get(PDFName.of('Filter'));
  if (filter instanceof PDFName) return filter.decodeText();
  if (filter instanceof PDFArray && filter.size() === 1) {
    const only = filter.get(0);
    return only instanceof PDFName ? only.decodeText() : null;
  }
  return null;
}

async function decodeImage(pdf: PDFDocument, stream: PDFRawStream): Promise<Buffer | null> {
  const dict = stream.dict;
  const filter = singleFilter(dict);
  if (filter === 'DCTDecode') return Buffer.from(stream.contents);
  if (filter !== 'FlateDecode') return null;
  const space = pdf.context.lookup(dict.get(PDFName.of('ColorSpace')));
  const channels = space === PDFName.of('DeviceGray') ? 1 : space === PDFName.of('DeviceRGB') ? 3 : 0;
  const bits = numberOf(dict, 'BitsPerComponent');
  const width = numberOf(dict, 'Width');
  const height = numberOf(dict, 'Height');
  if (!channels || ![1, 8].includes(bits) || !Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) return null;
  const parms = pdf.context.lookup(dict.get(PDFName.of('DecodeParms')));
  const predictor = parms instanceof PDFDict ? numberOf(parms, 'Predictor') : 0;
  const rowBytes = Math.ceil((width * channels * bits) / 8);
  // PNG predictors are PNG's own row filters: the stream is already an IDAT (its decoder checks the size).
  const idat = predictor >= 10 ? Buffer.from(stream.contents) : await withRowFilters(stream.contents, rowBytes, height);
  return idat && png(width, height, bits, channels === 1 ? 0 : 2, idat);
}

/**
 * Inflates the raw rows, puts a filter byte (none) before each and deflates again, streaming: only the
 * compressed data is ever held whole. More data than the declared rows (a lying dictionary) or less
 * (a cut stream) gives null.
 */
async function withRowFilters(compressed: Uint8Array, rowBytes: number, height: number): Promise<Buffer | null> {
  const expected = rowBytes * height;
  // The PNG lives only until it is decoded again: fastest compression, larger chunks, fewer round trips.
  const inflate = createInflate({ chunkSize: 64 * 1024 });
  const deflate = createDeflate({ level: 1, chunkSize: 64 * 1024 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const finished = once(deflate, 'end');
  inflate.end(compressed);
  let seen = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      if (seen + chunk.length > expected) return null;
      const batch: Buffer[] = [];
      for (let at = 0; at < chunk.length; ) {
        const column = (seen + at) % rowBytes;
        if (column === 0) batch.push(Buffer.alloc(1));
        const take = Math.min(rowBytes - column, chunk.length - at);
        batch.push(chunk.subarray(at, at + take));
        at += take;
      }
      seen += chunk.length;
      if (!deflate.write(Buffer.concat(batch))) await once(deflate, 'drain');
    }
  } catch {
    return null;
  } finally {
    inflate.destroy();
  }
  deflate.end();
  await finished;
  return seen === expected ? Buffer.concat(out) : null;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png(width: number, height: number, bitDepth: number, colourType: number, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(bitDepth, 8);
  ihdr.writeUInt8(colourType, 9);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}
