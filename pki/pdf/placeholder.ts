import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFString, type PDFDocument } from 'pdf-lib';
import { DEFAULT_BYTE_RANGE_PLACEHOLDER, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';

/**
 * The signature field, widget and empty signature dictionary that @signpdf/signpdf fills in.
 *
 * Written here rather than taken from @signpdf/placeholder-pdf-lib: that one writes Reason, Name and
 * Location as literal strings byte by byte, so Cyrillic text comes out as raw bytes (Ш is 0x0428,
 * whose low byte is "(") and breaks the object; it also names every field "Signature1", which
 * collides when a signed document is signed again. Text here is UTF-16BE, and field names unique.
 */
export interface PlaceholderInfo {
  reason: string;
  location: string;
  signerName: string;
  contactInfo: string;
  signingTime: Date;
  /** Bytes reserved for the CMS. */
  signatureLength: number;
}

const ANNOTATION_PRINT = 4;
const SIG_FLAGS_SIGNATURES_EXIST_APPEND_ONLY = 3;

function signatureFields(pdf: PDFDocument): PDFArray {
  let acroForm = pdf.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  if (!acroForm) {
    acroForm = pdf.context.obj({ Fields: [] });
    pdf.catalog.set(PDFName.of('AcroForm'), pdf.context.register(acroForm));
  }
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(SIG_FLAGS_SIGNATURES_EXIST_APPEND_ONLY));
  let fields = acroForm.lookupMaybe(PDFName.of('Fields'), PDFArray);
  if (!fields) {
    fields = pdf.context.obj([]);
    acroForm.set(PDFName.of('Fields'), fields);
  }
  return fields;
}

function existingSignatureCount(fields: PDFArray): number {
  let count = 0;
  for (let i = 0; i < fields.size(); i++) {
    const field = fields.lookup(i);
    if (field instanceof PDFDict && field.get(PDFName.of('FT')) === PDFName.of('Sig')) count++;
  }
  return count;
}

/** Adds an invisible signature field on the first page; returns its name. */
export function addSignaturePlaceholder(pdf: PDFDocument, info: PlaceholderInfo): string {
  const page = pdf.getPages()[0];
  if (!page) throw new Error('a PDF without pages cannot be signed');
  const fields = signatureFields(pdf);
  const fieldName = `Signature${existingSignatureCount(fields) + 1}`;
  const placeholder = PDFName.of(DEFAULT_BYTE_RANGE_PLACEHOLDER);

  const signature = pdf.context.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: SUBFILTER_ETSI_CADES_DETACHED,
    ByteRange: [PDFNumber.of(0), placeholder, placeholder, placeholder],
    Contents: PDFHexString.of('00'.repeat(info.signatureLength)),
    Reason: PDFHexString.fromText(info.reason),
    Location: PDFHexString.fromText(info.location),
    Name: PDFHexString.fromText(info.signerName),
    ContactInfo: PDFHexString.fromText(info.contactInfo),
    M: PDFString.fromDate(info.signingTime),
    Prop_Build: { App: { Name: 'AJO' } },
  });
  const appearance = pdf.context.formXObject([], { BBox: [0, 0, 0, 0], Resources: {} });
  const widget = pdf.context.register(
    pdf.context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      Rect: [0, 0, 0, 0],
      V: pdf.context.register(signature),
      T: PDFHexString.fromText(fieldName),
      F: ANNOTATION_PRINT,
      P: page.ref,
      AP: { N: pdf.context.register(appearance) },
    }),
  );
  let annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (!annots) {
    annots = pdf.context.obj([]);
    page.node.set(PDFName.of('Annots'), annots);
  }
  annots.push(widget);
  fields.push(widget);
  return fieldName;
}
