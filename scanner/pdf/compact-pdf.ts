import { deflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import {
  PDFDocument,
  beginText,
  concatTransformationMatrix,
  drawObject,
  endText,
  popGraphicsState,
  pushGraphicsState,
  setCharacterSqueeze,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  TextRenderingMode,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import sharp from 'sharp';
import type { OcrPage } from '../ocr/ocr-pool';
import { analysePage, type PageKind } from '../pages/page-kind';
import { makePdfA2b } from './pdf-a';

/**
 * One PDF from scanned pages, each page the physical size of its scan. Text pages are stored bilevel
 * (1 bit per pixel, Flate), pictures as JPEG; where OCR read the page, its words are laid over the image
 * as invisible text (rendering mode 3), so the PDF can be searched and copied from. The file is made to
 * PDF/A-2b's rules (./pdf-a.ts), the archival form for documents kept with a licence.
 */
export interface CompactPage {
  image: Buffer;
  resolution: number;
  text?: OcrPage | null;
}

export interface CompactPdfOptions {
  title: string;
  /** A TrueType font covering Kazakh and Russian, for the invisible text; without it no text layer is drawn. */
  font?: Uint8Array;
  jpegQuality?: number;
  /** When the document was made; now unless given. */
  created?: Date;
}

export interface CompactPdf {
  pdf: Buffer;
  kinds: PageKind[];
}

export async function compactPdf(pages: CompactPage[], options: CompactPdfOptions): Promise<CompactPdf> {
  const pdf = await PDFDocument.create();
  let font: PDFFont | null = null;
  const kinds: PageKind[] = [];
  for (const page of pages) {
    const analysis = await analysePage(page.image);
    kinds.push(analysis.kind);
    const { ref, width: pxWidth, height: pxHeight } =
      analysis.kind === 'text' ? await embedBilevel(pdf, page.image, analysis.threshold) : await embedJpeg(pdf, page.image, analysis.kind, options.jpegQuality ?? 75);
    const scale = 72 / page.resolution;
    const width = pxWidth * scale;
    const height = pxHeight * scale;
    const pdfPage = pdf.addPage([width, height]);
    const name = pdfPage.node.newXObject('Scan', ref);
    pdfPage.pushOperators(pushGraphicsState(), concatTransformationMatrix(width, 0, 0, height, 0, 0), drawObject(name), popGraphicsState());
    if (options.font && page.text && page.text.words.length > 0) {
      if (!font) {
        pdf.registerFontkit(fontkit);
        font = await pdf.embedFont(options.font, { subset: true });
      }
      drawInvisibleText(pdfPage, font, page.text, scale, height);
    }
  }
  await makePdfA2b(pdf, { title: options.title, tool: 'АЖО', created: options.created ?? new Date() });
  return { pdf: Buffer.from(await pdf.save()), kinds };
}

async function embedBilevel(pdf: PDFDocument, image: Buffer, threshold: number) {
  const { data, info } = await sharp(image).greyscale().threshold(threshold).raw().toBuffer({ resolveWithObject: true });
  const rowBytes = Math.ceil(info.width / 8);
  const packed = Buffer.alloc(rowBytes * info.height);
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      // DeviceGray at 1 bit: 1 is white paper, 0 is ink.
      if (data[y * info.width + x]! > 0) packed[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  const stream = pdf.context.stream(deflateSync(packed, { level: 9 }), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: info.width,
    Height: info.height,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 1,
    Filter: 'FlateDecode',
  });
  return { ref: pdf.context.register(stream), width: info.width, height: info.height };
}

async function embedJpeg(pdf: PDFDocument, image: Buffer, kind: PageKind, quality: number) {
  const colour = kind === 'colour-photo';
  const pipeline = sharp(image).removeAlpha();
  const { data, info } = await (colour ? pipeline.toColourspace('srgb') : pipeline.greyscale()).jpeg({ quality, mozjpeg: true }).toBuffer({ resolveWithObject: true });
  const stream = pdf.context.stream(data, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: info.width,
    Height: info.height,
    ColorSpace: colour ? 'DeviceRGB' : 'DeviceGray',
    BitsPerComponent: 8,
    Filter: 'DCTDecode',
  });
  return { ref: pdf.context.register(stream), width: info.width, height: info.height };
}

/** Each word at its place, stretched to its box, drawn in rendering mode 3 (neither filled nor stroked). */
function drawInvisibleText(page: PDFPage, font: PDFFont, text: OcrPage, scale: number, pageHeight: number): void {
  const fontName = page.node.newFontDictionary('OcrText', font.ref);
  const covered = new Set(font.getCharacterSet());
  const operators = [pushGraphicsState(), beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const word of text.words) {
    const printable = [...word.text].filter((c) => covered.has(c.codePointAt(0)!)).join('');
    if (!printable) continue;
    const size = Math.max(1, (word.y1 - word.y0) * scale);
    const natural = font.widthOfTextAtSize(printable, size);
    if (natural <= 0) continue;
    const boxWidth = Math.max(1, (word.x1 - word.x0) * scale);
    operators.push(
      setFontAndSize(fontName, size),
      setCharacterSqueeze(Math.max(1, Math.min(1000, (boxWidth / natural) * 100))),
      setTextMatrix(1, 0, 0, 1, word.x0 * scale, pageHeight - word.y1 * scale + size * 0.2),
      showText(font.encodeText(printable)),
    );
  }
  operators.push(endText(), popGraphicsState());
  page.pushOperators(...operators);
}
