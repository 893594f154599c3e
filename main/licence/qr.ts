import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { rgb, type PDFPage } from 'pdf-lib';
import { canonicalJson } from '../../domain/canonical-json';

/**
 * What every licence, conclusion and refusal says of itself for machines: its kind, number, date and a
 * digest of its data. This text goes into the PDF's Keywords, so the verify screen reads it without
 * decoding an image and compares it with this office's record of the decision. The QR code printed on a
 * licence or conclusion is a link to the registry's public check of it instead (checkLink), which any
 * phone opens; the digest rides in the link's fragment, which never leaves the phone.
 */
export const QR_PREFIX = 'AJO1';
export const QR_KINDS = ['licence', 'conclusion', 'refusal'] as const;

export interface QrContent {
  kind: (typeof QR_KINDS)[number];
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
  const kind = QR_KINDS.find((k) => k === parts[1]);
  if (parts.length !== 5 || parts[0] !== QR_PREFIX || !kind) return null;
  if (!/^[0-9a-f]{64}$/.test(parts[4]!)) return null;
  return { kind, number: parts[2]!, date: parts[3]!, digest: parts[4]! };
}

/** The public check of a licence or conclusion (or a duplicate, by its own number) as a link: `BASE/check/NUMBER#DIGEST`. */
export function checkLink(base: string, content: QrContent): string {
  return `${base.replace(/\/+$/, '')}/check/${encodeURIComponent(content.number)}#${content.digest}`;
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
