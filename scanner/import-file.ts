import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { largestDeclaredImage } from './pdf/page-images';

/**
 * Importing a file as pages: the type is decided by the bytes, never by the name, and a file is
 * accepted only when its structure is whole. Scanner drivers and OCR build on this later.
 */
export type ImportProblem = 'empty' | 'unsupported-format' | 'truncated' | 'damaged' | 'encrypted' | 'image-too-large' | 'active-content';

export class ImportError extends Error {
  constructor(readonly problem: ImportProblem) {
    super(`cannot import file: ${problem}`);
    this.name = 'ImportError';
  }
}

export interface ImportedFile {
  mime: 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/tiff';
  pages: number;
}

/** Larger images are refused: a scan of A3 at 600 dpi is about 70 megapixels. */
export const MAX_IMAGE_PIXELS = 100_000_000;

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** The format a file's first bytes announce (its name is never asked), or null for anything else. */
export function scanFormatOf(head: Uint8Array): ImportedFile['mime'] | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  return null;
}

export async function inspectFile(bytes: Uint8Array): Promise<ImportedFile> {
  if (bytes.length === 0) throw new ImportError('empty');
  const mime = scanFormatOf(bytes);
  if (mime === 'application/pdf') return { mime, pages: await pdfPages(bytes) };
  if (mime === 'image/jpeg') {
    checkImageSize(jpegSize(bytes));
    return { mime, pages: 1 };
  }
  if (mime === 'image/png') {
    checkImageSize(pngSize(bytes));
    return { mime, pages: 1 };
  }
  if (mime === 'image/tiff') return { mime, pages: await tiffPages(bytes) };
  throw new ImportError('unsupported-format');
}

/** Every page of a TIFF is checked for size, from its directory: libtiff reads it without decoding pixels. */
async function tiffPages(bytes: Uint8Array): Promise<number> {
  let pages;
  try {
    pages = (await sharp(bytes, { limitInputPixels: false }).metadata()).pages ?? 1;
    for (let page = 0; page < pages; page++) {
      const { width, height } = await sharp(bytes, { page, limitInputPixels: false }).metadata();
      checkImageSize({ width: width ?? 0, height: height ?? 0 });
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError('damaged');
  }
  return pages;
}

function checkImageSize({ width, height }: { width: number; height: number }): void {
  if (width === 0 || height === 0) throw new ImportError('damaged');
  if (width * height > MAX_IMAGE_PIXELS) throw new ImportError('image-too-large');
}

async function pdfPages(bytes: Uint8Array): Promise<number> {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  if (!tail.includes('%%EOF')) throw new ImportError('truncated');
  let pdf: PDFDocument;
  let pages: number;
  try {
    pdf = await PDFDocument.load(bytes, { ignoreEncryption: false, updateMetadata: false, throwOnInvalidObject: true });
    pages = pdf.getPageCount();
  } catch (error) {
    // pdf-lib's EncryptedPDFError is compiled to ES5 and fails instanceof; its message is stable.
    if (error instanceof Error && /is encrypted/.test(error.message)) throw new ImportError('encrypted');
    throw new ImportError('damaged');
  }
  if (pages < 1) throw new ImportError('damaged');
  if (hasActiveContent(pdf)) throw new ImportError('active-content');
  // What each image says it is, before any is decoded: a few hundred KB can declare gigabytes of pixels.
  if (largestDeclaredImage(pdf) > MAX_IMAGE_PIXELS) throw new ImportError('image-too-large');
  return pages;
}

const ACTIVE_KEYS = ['JS', 'JavaScript', 'Launch', 'RichMedia', 'EmbeddedFile'];
const ACTIVE_ACTIONS = ['JavaScript', 'Launch', 'ImportData', 'SubmitForm', 'RichMediaExecute'];

/**
 * Scripts, launch actions and embedded files have no place in a scanned document and are how PDFs
 * carry malware; such a file is refused rather than cleaned, so what is stored is what was given.
 */
function hasActiveContent(pdf: PDFDocument): boolean {
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFRawStream ? object.dict : object instanceof PDFDict ? object : null;
    if (dict && isActive(dict)) return true;
  }
  return false;
}

function isActive(dict: PDFDict): boolean {
  for (const [key, value] of dict.entries()) {
    if (ACTIVE_KEYS.includes(key.decodeText())) return true;
    if (key === PDFName.of('S') && value instanceof PDFName && ACTIVE_ACTIONS.includes(value.decodeText())) return true;
    if (value instanceof PDFDict && isActive(value)) return true;
  }
  return false;
}

/** Walks the JPEG markers to the frame header; a file without its end marker is truncated. */
function jpegSize(bytes: Uint8Array): { width: number; height: number } {
  if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) throw new ImportError('truncated');
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) throw new ImportError('damaged');
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset++;
      continue;
    }
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (offset + 9 > bytes.length) throw new ImportError('truncated');
      return { height: (bytes[offset + 5]! << 8) | bytes[offset + 6]!, width: (bytes[offset + 7]! << 8) | bytes[offset + 8]! };
    }
    offset += 2 + length;
  }
  throw new ImportError('damaged');
}

function pngSize(bytes: Uint8Array): { width: number; height: number } {
  if (bytes.length < 33) throw new ImportError('truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (Buffer.from(bytes.subarray(12, 16)).toString('latin1') !== 'IHDR') throw new ImportError('damaged');
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 12))).toString('latin1');
  if (!tail.includes('IEND')) throw new ImportError('truncated');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
