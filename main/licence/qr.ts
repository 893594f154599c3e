import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { rgb, type PDFPage } from 'pdf-lib';
import { canonicalJson } from '../../domain/canonical-json';

/**
 * The QR code on every licence and refusal: its number and a digest of what it says. The same text
 * goes into the PDF's Keywords, so the verify screen reads it without decoding an image and compares
 * it with this office's record of the decision.
 */
export const QR_PREFIX = 'AJO1';

export interface QrContent {
  kind: 'licence' | 'refusal';
  number: string;
  date: string;
  digest: string;
}

/** SHA-256 of the document's data in a canonical form (object keys sorted, no whitespace). */
export function canonicalDigest(data: unknown): string {
  return createHash('sha256').update(canonicalJson(data)).digest('hex');
}

export function qrText(content: QrContent): string {
  return [QR_PREFIX, content.kind, content.number, content.date, content.digest].join('|');
}

export function parseQrText(text: string | undefined): QrContent | null {
  const parts = (text ?? '').split('|');
  if (parts.length !== 5 || parts[0] !== QR_PREFIX || (parts[1] !== 'licence' && parts[1] !== 'refusal')) return null;
  if (!/^[0-9a-f]{64}$/.test(parts[4]!)) return null;
  return { kind: parts[1], number: parts[2]!, date: parts[3]!, digest: parts[4]! };
}

/**
 * Draws the code as one vector path (crisp in print, small in the file), with a quiet zone of four
 * modules, its lower-left corner at x, y.
 */
export function drawQr(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const cell = size / (count + 8);
  const squares: string[] = [];
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) squares.push(`M${(col * cell).toFixed(3)} ${(row * cell).toFixed(3)}h${cell.toFixed(3)}v${cell.toFixed(3)}h${(-cell).toFixed(3)}z`);
    }
  }
  // SVG paths run downwards from their origin: start at the top-left corner of the code.
  page.drawSvgPath(squares.join(''), { x: x + 4 * cell, y: y + size - 4 * cell, color: rgb(0, 0, 0), borderWidth: 0 });
}
