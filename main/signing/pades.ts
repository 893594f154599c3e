import { PDFDocument } from 'pdf-lib';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { signDetached, type CmsSigner } from './cms';

/** Room for the CMS: certificate chain of three RSA-4096 certificates and the signature, hex-encoded. */
const SIGNATURE_LENGTH = 24_000;

class CmsPdfSigner extends Signer {
  constructor(private readonly signer: CmsSigner) {
    super();
  }
  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return signDetached(pdfBuffer, this.signer);
  }
}

export interface PdfSignatureInfo {
  reason: string;
  location: string;
  signerName: string;
  contactInfo: string;
  signingTime: Date;
}

/** Adds a PAdES (ETSI.CAdES.detached) signature to a PDF that pdf-lib has laid out. */
export async function signPdfDocument(pdf: PDFDocument, signer: CmsSigner, info: PdfSignatureInfo): Promise<Buffer> {
  pdflibAddPlaceholder({
    pdfDoc: pdf,
    reason: info.reason,
    location: info.location,
    name: info.signerName,
    contactInfo: info.contactInfo,
    signingTime: info.signingTime,
    signatureLength: SIGNATURE_LENGTH,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'AJO',
  });
  const withPlaceholder = Buffer.from(await pdf.save({ useObjectStreams: false }));
  return new SignPdf().sign(withPlaceholder, new CmsPdfSigner(signer));
}
