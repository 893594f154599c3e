import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFPage } from 'pdf-lib';

/**
 * The scanned image behind each page of a PDF, for OCR: scanners and this app write one image per
 * page. JPEG images are returned as they are; Flate images (any bit depth, grey or RGB) are rewrapped
 * as PNG, whose IDAT is the same zlib stream once every row has a filter byte. Pages without such an
 * image (born-digital text, CMYK, JBIG2) give null: there is nothing for OCR to read there.
 */
export interface PdfPageImage {
  image: Buffer;
  /** Pixels per inch, from the image's width over the page's width. */
  resolution: number;
}

export async function pdfPageImages(pdfBytes: Uint8Array): Promise<(PdfPageImage | null)[]> {
  const pdf = await PDFDocument.load(pdfBytes, { updateMetadata: false });
  return pdf.getPages().map((page) => pageImage(pdf, page));
}

function pageImage(pdf: PDFDocument, page: PDFPage): PdfPageImage | null {
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
  const image = decodeImage(pdf, best.stream);
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

function decodeImage(pdf: PDFDocument, stream: PDFRawStream): Buffer | null {
  const dict = stream.dict;
  const filter = singleFilter(dict);
  if (filter === 'DCTDecode') return Buffer.from(stream.contents);
  if (filter !== 'FlateDecode') return null;
  const space = pdf.context.lookup(dict.get(PDFName.of('ColorSpace')));
  const channels = space === PDFName.of('DeviceGray') ? 1 : space === PDFName.of('DeviceRGB') ? 3 : 0;
  const bits = numberOf(dict, 'BitsPerComponent');
  const width = numberOf(dict, 'Width');
  const height = numberOf(dict, 'Height');
  if (!channels || ![1, 8].includes(bits) || width < 1 || height < 1) return null;
  const parms = pdf.context.lookup(dict.get(PDFName.of('DecodeParms')));
  const predictor = parms instanceof PDFDict ? numberOf(parms, 'Predictor') : 0;
  const rowBytes = Math.ceil((width * channels * bits) / 8);
  let idat: Buffer;
  if (predictor >= 10) {
    idat = Buffer.from(stream.contents);
  } else {
    const raw = inflateSync(stream.contents);
    if (raw.length < rowBytes * height) return null;
    const filtered = Buffer.alloc((rowBytes + 1) * height);
    for (let y = 0; y < height; y++) raw.copy(filtered, y * (rowBytes + 1) + 1, y * rowBytes, (y + 1) * rowBytes);
    idat = deflateSync(filtered);
  }
  return png(width, height, bits, channels === 1 ? 0 : 2, idat);
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
