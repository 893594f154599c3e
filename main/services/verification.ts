import { PDFDocument } from 'pdf-lib';
import { decisionByNumber } from '../../db/repositories/decisions';
import { parseQrText, qrText } from '../licence/qr';
import { verifyPdf, type PdfVerification } from '../signing/verify-pdf';
import type { CoreContext } from '../context';
import { crlLookup } from './revocation';
import { trustedDers } from './trust';

export interface QrCheck {
  kind: 'licence' | 'refusal';
  number: string;
  date: string;
  /** Compared with this office's record of the decision with that number. */
  status: 'matches-record' | 'differs-from-record' | 'not-in-this-office';
}

/** The QR text the document carries (in its Keywords), checked against the decision record. */
async function checkQr(ctx: CoreContext, pdf: Buffer): Promise<QrCheck | null> {
  let keywords: string | undefined;
  try {
    keywords = (await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true })).getKeywords();
  } catch {
    return null;
  }
  const content = parseQrText(keywords);
  if (!content) return null;
  const record = decisionByNumber(ctx.db, content.number);
  const status = !record ? 'not-in-this-office' : record.qrPayload === qrText(content) ? 'matches-record' : 'differs-from-record';
  return { kind: content.kind, number: content.number, date: content.date, status };
}

/** Verifies a PDF against this office's trust store, imported CRLs and decision records. */
export async function verifyDocument(ctx: CoreContext, pdf: Buffer): Promise<PdfVerification & { qr: QrCheck | null }> {
  const report = verifyPdf(pdf, { trusted: trustedDers(ctx), revocation: crlLookup(ctx) });
  const qr = await checkQr(ctx, pdf);
  return { ...report, qr, valid: report.valid && qr?.status !== 'differs-from-record' };
}
