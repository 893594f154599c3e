import sharp from 'sharp';
import { inspectFile } from '../import-file';
import { openPages, resolutionOf } from '../import-pages';
import { pdfPageImages, type PdfPageImage } from '../pdf/page-images';

/**
 * The images OCR reads in a file, one per page: the scan inside each PDF page (null for a page with
 * none), each page of a TIFF, or the image itself. The file is checked as on import first (type,
 * structure, declared image sizes); pages are then taken one at a time, as they are read.
 */
export interface OcrFile {
  count: number;
  pages(): AsyncGenerator<PdfPageImage | null>;
}

export async function pagesForOcr(bytes: Buffer): Promise<OcrFile> {
  const { mime, pages: count } = await inspectFile(bytes);
  if (mime === 'application/pdf') return { count, pages: () => pdfPageImages(bytes) };
  if (mime === 'image/tiff') {
    const file = await openPages(bytes);
    return {
      count,
      pages: async function* () {
        for await (const page of file.pages()) yield { image: page.png, resolution: page.resolution };
      },
    };
  }
  const { density } = await sharp(bytes).metadata();
  return {
    count: 1,
    pages: async function* () {
      yield { image: bytes, resolution: resolutionOf(density) };
    },
  };
}

/**
 * Reads a file's pages with at most `inFlight` of them decoded and waiting for OCR at once (enough to
 * keep every worker busy), and gives the results in page order.
 */
export async function readPages<T>(file: OcrFile, inFlight: number, read: (page: PdfPageImage | null, index: number) => Promise<T>): Promise<T[]> {
  const results: Promise<T>[] = [];
  const running = new Set<Promise<unknown>>();
  for await (const page of file.pages()) {
    const result = read(page, results.length);
    results.push(result);
    const settled: Promise<unknown> = result.then(
      () => running.delete(settled),
      () => running.delete(settled),
    );
    running.add(settled);
    if (running.size >= inFlight) await Promise.race(running);
  }
  return Promise.all(results);
}
