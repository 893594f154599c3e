import sharp from 'sharp';
import { ImportError, inspectFile, MAX_IMAGE_PIXELS } from './import-file';
import { pdfPageImages } from './pdf/page-images';

/**
 * A file brought on a flash drive or left by a copier's scan-to-folder, as tray pages: PNG images with
 * their resolution, like a scanner's. JPEG, PNG, every page of a TIFF, and PDFs made of scans (one
 * image a page). EXIF orientation is applied, so phone photos stand upright.
 */
export interface ImportedPage {
  png: Buffer;
  resolution: number;
}

/** Used when a file does not say its resolution: the usual setting for documents. */
const ASSUMED_RESOLUTION = 300;

/** A file's own resolution when it gives a plausible one. */
export function resolutionOf(density: number | undefined): number {
  return density && density >= 72 && density <= 1200 ? Math.round(density) : ASSUMED_RESOLUTION;
}

async function toPage(input: Buffer, options: sharp.SharpOptions = {}): Promise<ImportedPage> {
  try {
    const image = sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'truncated', ...options });
    const { density } = await image.metadata();
    const png = await image.rotate().png({ compressionLevel: 6 }).toBuffer();
    return { png, resolution: resolutionOf(density) };
  } catch {
    throw new ImportError('damaged');
  }
}

export async function importedPages(bytes: Buffer): Promise<ImportedPage[]> {
  const { mime, pages } = await inspectFile(bytes);
  if (mime === 'image/tiff') return Promise.all(Array.from({ length: pages }, (_, page) => toPage(bytes, { page })));
  if (mime !== 'application/pdf') return [await toPage(bytes)];
  const images = await pdfPageImages(bytes);
  // A page without a scanned image (typed text, vector drawings) cannot become a tray page.
  if (images.some((image) => image === null)) throw new ImportError('unsupported-format');
  return Promise.all(images.map(async (image) => ({ ...(await toPage(image!.image)), resolution: image!.resolution })));
}
