import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { z } from 'zod';
import { parseQrText } from './qr';

/**
 * What a signed licence or refusal says about itself, in a form a program can read: the facts of the
 * decision record, written into the document's information dictionary (/AjoDecision) before it is
 * signed, so the signature vouches for them. The verify screen, `ajo verify` and `ajo db check`
 * compare every one of them with the office's record: a record edited behind the app's back (another
 * signer, another number, a licence that was a refusal) no longer matches the document it points to.
 */
export const DecisionFacts = z
  .object({
    kind: z.enum(['licence', 'refusal']),
    number: z.string(),
    signedAt: z.string(),
    applicationId: z.string(),
    journalNumber: z.string().nullable(),
    applicantIdn: z.string(),
    signerUserId: z.string(),
    signerName: z.string(),
    signerIin: z.string(),
    reason: z.string(),
    qr: z.string(),
  })
  .strict();
export type DecisionFacts = z.infer<typeof DecisionFacts>;

const KEY = PDFName.of('AjoDecision');

/** Puts the facts into a document about to be signed. */
export function embedDecisionFacts(pdf: PDFDocument, facts: DecisionFacts): void {
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info);
  if (!(info instanceof PDFDict)) throw new Error('the document has no information dictionary');
  info.set(KEY, PDFHexString.fromText(JSON.stringify(facts)));
}

/** What a signed document says: its embedded facts (null for documents made before they were), and its QR text. */
export async function decisionFactsIn(pdf: Buffer): Promise<{ facts: DecisionFacts | null; qr: string | null }> {
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
  } catch {
    return { facts: null, qr: null };
  }
  const keywords = document.getKeywords();
  const qr = parseQrText(keywords) ? keywords! : null;
  const info = document.context.lookup(document.context.trailerInfo.Info);
  const value = info instanceof PDFDict ? info.get(KEY) : undefined;
  if (!(value instanceof PDFHexString || value instanceof PDFString)) return { facts: null, qr };
  try {
    return { facts: DecisionFacts.parse(JSON.parse(value.decodeText())), qr };
  } catch {
    return { facts: null, qr };
  }
}

/**
 * The fields in which the record differs from the document: every fact the document carries, its QR
 * text, and the IIN in the certificate that signed it. Documents made before facts were embedded are
 * compared on what they do carry.
 */
export function differencesFromDocument(record: DecisionFacts, document: { facts: DecisionFacts | null; qr: string | null; certificateIin: string | null }): string[] {
  const differences: string[] = [];
  if (document.facts) {
    for (const field of Object.keys(record) as (keyof DecisionFacts)[]) {
      if (record[field] !== document.facts[field]) differences.push(field);
    }
  } else {
    if (document.qr !== record.qr) differences.push('qr');
    const qr = parseQrText(document.qr ?? undefined);
    if (qr && qr.number !== record.number) differences.push('number');
    if (qr && qr.kind !== record.kind) differences.push('kind');
  }
  if (document.certificateIin !== null && document.certificateIin !== record.signerIin && !differences.includes('signerIin')) differences.push('signerIin');
  return differences;
}
