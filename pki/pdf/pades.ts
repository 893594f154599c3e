import type { PDFDocument } from 'pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { signDetached, type CmsSigner } from '../cms/sign';
import { openForIncrementalUpdate } from './incremental';
import { addSignaturePlaceholder } from './placeholder';

/** Room for the CMS: a chain of three RSA-4096 certificates, the signature, and a time-stamp token with its TSA's chain. */
const SIGNATURE_LENGTH = 20_000;

/** Hands @signpdf/signpdf (which finds the ByteRange and fills /Contents) our own CMS. */
class CmsPdfSigner extends Signer {
  constructor(private readonly signer: CmsSigner) {
    super();
  }
  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    const cms = signDetached(pdfBuffer, this.signer);
    return this.signer.timestamp ? this.signer.timestamp(cms) : cms;
  }
}

export interface PdfSignatureInfo {
  reason: string;
  location: string;
  signerName: string;
  contactInfo: string;
  signingTime: Date;
}

/**
 * Adds a PAdES (ETSI.CAdES.detached) signature as an incremental update: the bytes of the document,
 * and any signatures already in it, stay as they are.
 */
export async function signPdf(original: Buffer, signer: CmsSigner, info: PdfSignatureInfo): Promise<Buffer> {
  const edit = await openForIncrementalUpdate(original);
  addSignaturePlaceholder(edit.pdf, { ...info, signatureLength: SIGNATURE_LENGTH });
  return new SignPdf().sign(edit.finish(), new CmsPdfSigner(signer));
}

/** Lays out and signs a document the app has just made. */
export async function signPdfDocument(pdf: PDFDocument, signer: CmsSigner, info: PdfSignatureInfo): Promise<Buffer> {
  return signPdf(Buffer.from(await pdf.save({ useObjectStreams: false })), signer, info);
}
