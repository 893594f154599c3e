import sharp from 'sharp';
import { inspectFile } from '../import-file';
import { importedPages, resolutionOf } from '../import-pages';
import { pdfPageImages, type PdfPageImage } from '../pdf/page-images';

/**
 * The images OCR reads in a file, one per page: the scan inside each PDF page (null for a page with
 * none), each page of a TIFF, or the image itself. The file is checked as on import first.
 */
export async function pagesForOcr(bytes: Buffer): Promise<(PdfPageImage | null)[]> {
  const { mime } = await inspectFile(bytes);
  if (mime === 'application/pdf') return pdfPageImages(bytes);
  if (mime === 'image/tiff') return (await importedPages(bytes)).map((page) => ({ image: page.png, resolution: page.resolution }));
  const { density } = await sharp(bytes).metadata();
  return [{ image: bytes, resolution: resolutionOf(density) }];
}
