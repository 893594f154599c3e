import { PDFDocument } from 'pdf-lib';
import { decisionByNumber } from '../../db/repositories/decisions';
import { parseQrText, type QrContent } from '../licence/qr';
import { differencesFromRecord } from './decision-check';
import { readCertificate } from '../../pki/certificates/certificate';
import { signatureCertificates, verifyPdf, type PdfVerification } from '../../pki/pdf/verify-pdf';
import type { CoreContext } from '../context';
import { AppError } from '../../domain/api/errors';
import { CmsFileError, readSignedFile, verifyCmsFile, type CmsVerification, type SignedFile } from '../../pki/cms/verify-file';
import { cmsCertificates } from '../../pki/cms/verify';
import { issuerOf, refreshRevocation } from './online-pki';
import { revocationLookup } from './revocation';
import { trustedDers } from './trust';

export interface QrCheck {
  kind: QrContent['kind'];
  number: string;
  date: string;
  /** Compared with this office's record of the decision with that number. */
  status: 'matches-record' | 'differs-from-record' | 'not-in-this-office';
  /** The record's fields that the document says otherwise (the file itself: `file`). */
  differences: string[];
}

/** The QR text the document carries (in its Keywords), and every fact it carries, checked against the decision record. */
async function checkQr(ctx: CoreContext, pdf: Buffer, report: PdfVerification): Promise<QrCheck | null> {
  let keywords: string | undefined;
  try {
    keywords = (await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true })).getKeywords();
  } catch {
    return null;
  }
  const content = parseQrText(keywords);
  if (!content) return null;
  const record = decisionByNumber(ctx.db, content.number);
  if (!record) return { kind: content.kind, number: content.number, date: content.date, status: 'not-in-this-office', differences: [] };
  const signer = report.signatures[report.signatures.length - 1]?.signer ?? null;
  const differences = await differencesFromRecord(ctx.db, record, pdf, { sha256: report.file.sha256, certificateIin: signer?.iin ?? null });
  return { kind: content.kind, number: content.number, date: content.date, status: differences.length === 0 ? 'matches-record' : 'differs-from-record', differences };
}

export type DocumentVerification = (PdfVerification | CmsVerification) & { qr: QrCheck | null };

/** Brings the signers' revocation data up to date first, when the office is online. */
async function refreshSigners(ctx: CoreContext, signers: { signer: Buffer; others: Buffer[] }[]): Promise<void> {
  for (const { signer, others } of signers) {
    const issuer = issuerOf(ctx, signer, others, ctx.now());
    if (issuer) await refreshRevocation(ctx, readCertificate(signer), issuer);
  }
}

/**
 * Verifies a signed document against this office's trust store, its revocation data (refreshed first when
 * online) and, for a PDF, its decision records: a PDF with its signatures, or a CMS file over its own content
 * or over `data` (a detached signature and the file it signs).
 */
export async function verifyDocument(ctx: CoreContext, bytes: Buffer, data: Buffer | null = null): Promise<DocumentVerification> {
  let file: SignedFile;
  try {
    file = readSignedFile(bytes);
  } catch (error) {
    if (error instanceof CmsFileError) throw new AppError('invalid-input', error.problem);
    throw error;
  }
  const store = () => ({ trusted: trustedDers(ctx), revocation: revocationLookup(ctx), now: ctx.now() });
  if (file.format === 'pdf') {
    await refreshSigners(ctx, signatureCertificates(bytes));
    const report = verifyPdf(bytes, store());
    const qr = await checkQr(ctx, bytes, report);
    return { ...report, qr, valid: report.valid && qr?.status !== 'differs-from-record' };
  }
  const signers = cmsCertificates(file.der);
  await refreshSigners(ctx, signers ? [signers] : []);
  return { ...verifyCmsFile(file.der, data, store()), qr: null };
}
