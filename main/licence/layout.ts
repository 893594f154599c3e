import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { fontBytes } from '../fonts';
import { drawQr } from './qr';

/**
 * A4 page writer: bilingual label/value rows with wrapping, in DejaVu Sans (covers the Kazakh letters),
 * subset-embedded. Not PT Sans: @pdf-lib/fontkit's subsetter drops its composite glyphs.
 */
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

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
      parsedFonts.set(buffer, font);
    }
    return font;
  },
};

export class PageWriter {
  private page!: PDFPage;
  private y = 0;

  private constructor(
    readonly pdf: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {}

  static async create(title: string, language: string): Promise<PageWriter> {
    const pdf = await PDFDocument.create({ updateMetadata: false });
    pdf.registerFontkit(cachingFontkit);
    const regular = fontBytes('DejaVuSans.ttf');
    const bold = fontBytes('DejaVuSans-Bold.ttf');
    const writer = new PageWriter(
      pdf,
      await pdf.embedFont(regular, { subset: true }),
      await pdf.embedFont(bold, { subset: true }),
    );
    pdf.setTitle(title);
    pdf.setLanguage(language);
    pdf.setCreator('АЖО');
    pdf.setProducer('АЖО');
    return writer;
  }

  newPage(): void {
    this.page = this.pdf.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  /** Greedy wrapping by word widths, each word measured once (measuring whole lines again and again was quadratic). */
  private lines(text: string, font: PDFFont, size: number, width: number): string[] {
    const space = font.widthOfTextAtSize(' ', size);
    const out: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      let lineWidth = 0;
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
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

  private write(text: string, font: PDFFont, size: number, x: number, width: number, centred = false): void {
    for (const line of this.lines(text, font, size, width)) {
      if (this.y < MARGIN + size) this.newPage();
      const offset = centred ? (width - font.widthOfTextAtSize(line, size)) / 2 : 0;
      this.page.drawText(line, { x: x + offset, y: this.y - size, size, font, color: rgb(0, 0, 0) });
      this.y -= size * 1.3;
    }
  }

  heading(text: string): void {
    this.write(text, this.bold, 15, MARGIN, A4[0] - 2 * MARGIN, true);
    this.y -= 10;
  }

  /** One row: a bilingual label (small) and its value below. */
  row(label: string, value: string): void {
    this.write(label, this.regular, 8.5, MARGIN, A4[0] - 2 * MARGIN);
    this.write(value || '—', this.bold, 10.5, MARGIN + 12, A4[0] - 2 * MARGIN - 12);
    this.y -= 6;
  }

  note(text: string): void {
    this.y -= 8;
    this.write(text, this.regular, 8, MARGIN, A4[0] - 2 * MARGIN);
  }

  /** The QR code in the lower right corner of the current page, its text also in the Keywords. */
  qr(text: string): void {
    drawQr(this.page, text, A4[0] - MARGIN - 90, MARGIN - 20, 90);
    this.pdf.setKeywords([text]);
  }

  rule(): void {
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: A4[0] - MARGIN, y: this.y }, thickness: 0.5 });
    this.y -= 10;
  }
}
