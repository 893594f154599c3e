import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { join } from 'node:path';
import { assetsDir } from './paths';

/** DejaVu Sans covers every Kazakh and Russian letter; each file is read once. */
export type FontFile = 'DejaVuSans.ttf' | 'DejaVuSans-Bold.ttf';

const loaded = new Map<FontFile, Buffer>();

export function fontBytes(file: FontFile): Buffer {
  let bytes = loaded.get(file);
  if (!bytes) {
    bytes = readFileSync(join(assetsDir(), 'fonts', file));
    loaded.set(file, bytes);
  }
  return bytes;
}

/**
 * Parsing a 750 KB TrueType file is most of the time it takes to lay out a licence, and a parsed font
 * is only read afterwards (each document makes its own subset), so each font is parsed once.
 */
type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
const parsedFonts = new Map<Uint8Array, ReturnType<Fontkit['create']>>();
const cachingFontkit: Fontkit = {
  create(buffer: Uint8Array, postscriptName?: string) {
    let font = parsedFonts.get(buffer);
    if (!font) {
      font = (fontkit as Fontkit).create(buffer, postscriptName);
      claimCodePoints(font);
      parsedFonts.set(buffer, font);
    }
    return font;
  },
};

/**
 * fontkit keeps one glyph object per glyph id, with the characters it was first asked for. Subsetting a
 * composite glyph (й, ї, ә…) asks for its parts (і, и, ˘…) by id alone, so in a font shared between
 * documents a part first met that way has no character, and pdf-lib's ToUnicode map — made from those
 * objects — then loses the letter in every later document (pdftotext read "ДӘЛЕЛД" for "ДӘЛЕЛДІ"). Each
 * glyph is first asked for by its own character, once, when the font is parsed.
 */
function claimCodePoints(font: ReturnType<Fontkit['create']>): void {
  const glyphFor = font as unknown as { characterSet: number[]; glyphForCodePoint(codePoint: number): unknown };
  for (const codePoint of glyphFor.characterSet) glyphFor.glyphForCodePoint(codePoint);
}

/** DejaVu Sans regular and bold, subset-embedded. Not PT Sans: @pdf-lib/fontkit's subsetter drops its composite glyphs. */
export async function embedDejaVu(pdf: PDFDocument): Promise<{ regular: PDFFont; bold: PDFFont }> {
  pdf.registerFontkit(cachingFontkit);
  return {
    regular: await pdf.embedFont(fontBytes('DejaVuSans.ttf'), { subset: true }),
    bold: await pdf.embedFont(fontBytes('DejaVuSans-Bold.ttf'), { subset: true }),
  };
}

/** Greedy wrapping by word widths, each word measured once (measuring whole lines again and again was quadratic). */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const space = font.widthOfTextAtSize(' ', size);
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean).flatMap((w) => pieces(w, font, size, width))) {
      const wordWidth = font.widthOfTextAtSize(word, size);
      if (line && lineWidth + space + wordWidth > width) {
        out.push(line);
        line = word;
        lineWidth = wordWidth;
      } else {
        line = line ? `${line} ${word}` : word;
        lineWidth += (lineWidth ? space : 0) + wordWidth;
      }
    }
    out.push(line);
  }
  return out;
}

/** A word wider than the line, cut where it must be (a long number in a narrow table column); others whole. */
function pieces(word: string, font: PDFFont, size: number, width: number): string[] {
  if (font.widthOfTextAtSize(word, size) <= width) return [word];
  const out: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece && font.widthOfTextAtSize(piece + char, size) > width) {
      out.push(piece);
      piece = '';
    }
    piece += char;
  }
  return piece ? [...out, piece] : out;
}
