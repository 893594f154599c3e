import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { embedDejaVu, wrapText } from '../fonts';
import { drawQr } from './qr';

/**
 * A4 page writer: bilingual label/value rows with wrapping, in DejaVu Sans (covers the Kazakh letters),
 * subset-embedded. Not PT Sans: @pdf-lib/fontkit's subsetter drops its composite glyphs.
 */
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

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
    const { regular, bold } = await embedDejaVu(pdf);
    const writer = new PageWriter(pdf, regular, bold);
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

  private write(text: string, font: PDFFont, size: number, x: number, width: number, centred = false): void {
    for (const line of wrapText(text, font, size, width)) {
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

  /** The QR code in the lower right corner of the current page (the link to the public check, where there is one), the document's own text in the Keywords. */
  qr(text: string, link: string | null = null): void {
    drawQr(this.page, link ?? text, A4[0] - MARGIN - 90, MARGIN - 20, 90);
    this.pdf.setKeywords([text]);
  }

  rule(): void {
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: A4[0] - MARGIN, y: this.y }, thickness: 0.5 });
    this.y -= 10;
  }
}
