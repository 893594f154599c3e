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

/** A file's pages: how many there are (from its structure), then each decoded only when it is reached. */
export interface PageFile {
  count: number;
  /** One page at a time, so a 1000-page TIFF never sits in memory decoded; stop early to cancel. */
  pages(): AsyncGenerator<ImportedPage>;
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

/** The file is checked whole (type, structure, declared image sizes) before any page is decoded. */
export async function openPages(bytes: Buffer): Promise<PageFile> {
  const { mime, pages: count } = await inspectFile(bytes);
  if (mime === 'image/tiff') {
    return {
      count,
      pages: async function* () {
        for (let page = 0; page < count; page++) yield await toPage(bytes, { page });
      },
    };
  }
  if (mime !== 'application/pdf') {
    return {
      count: 1,
      pages: async function* () {
        yield await toPage(bytes);
      },
    };
  }
  return {
    count,
    pages: async function* () {
      for await (const image of pdfPageImages(bytes)) {
        // A page without a scanned image (typed text, vector drawings) cannot become a tray page.
        if (!image) throw new ImportError('unsupported-format');
        yield { ...(await toPage(image.image)), resolution: image.resolution };
      }
    },
  };
}

/** Every page of a file known to be short (what a scanner sends back for one sheet). */
export async function importedPages(bytes: Buffer): Promise<ImportedPage[]> {
  const pages: ImportedPage[] = [];
  for await (const page of (await openPages(bytes)).pages()) pages.push(page);
  return pages;
}
