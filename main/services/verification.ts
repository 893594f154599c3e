import { verifyPdf, type PdfVerification } from '../signing/verify-pdf';
import type { CoreContext } from '../context';
import { crlLookup } from './revocation';
import { trustedDers } from './trust';

/** Verifies a PDF against this office's trust store and imported CRLs. */
export function verifyDocument(ctx: CoreContext, pdf: Buffer): PdfVerification {
  return verifyPdf(pdf, { trusted: trustedDers(ctx), revocation: crlLookup(ctx) });
}
