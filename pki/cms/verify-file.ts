import { createHash } from 'node:crypto';
import { children, oidOf, parseDerExact } from '../asn1/der';
import { OID } from '../asn1/oids';
import { reportSignature, type SignatureReport, type TrustInput } from './judge';
import { cmsSignerCount, verifyCms } from './verify';

/**
 * CMS files as officials receive them from other state systems (.cms, .p7s, .sig): attached, or detached beside
 * the file they sign; DER, PEM, or bare base64 as NCALayer hands signatures out. Every SignerInfo is judged as a
 * PDF's signature is, so the report is the same.
 */
export class CmsFileError extends Error {
  constructor(readonly problem: 'not-a-signed-document' | 'cms-trailing-bytes') {
    super(`CMS file: ${problem}`);
    this.name = 'CmsFileError';
  }
}

export interface CmsVerification {
  format: 'cms';
  /** The CMS file itself. */
  file: { bytes: number; sha256: string };
  signatures: SignatureReport[];
  /** Every signature valid, every chain trusted when a trust store was given. */
  valid: boolean;
  /** What was signed: carried in the CMS (attached), or the data file given beside it (detached); null when neither. */
  content: { attached: boolean; bytes: number; sha256: string } | null;
}

const BASE64 = /^[A-Za-z0-9+/=\s]+$/;

/** A signed file as the office is handed one: a PDF (its signatures inside), or a CMS file (its DER). */
export type SignedFile = { format: 'pdf' } | { format: 'cms'; der: Buffer };

/** Which kind of signed file this is; anything else is refused with CmsFileError. */
export function readSignedFile(bytes: Buffer): SignedFile {
  return bytes.subarray(0, 5).equals(Buffer.from('%PDF-')) ? { format: 'pdf' } : { format: 'cms', der: readCmsFile(bytes) };
}

/** The DER of a CMS file, which must be exactly one ContentInfo of SignedData: nothing before, nothing after. */
function readCmsFile(bytes: Buffer): Buffer {
  let der = bytes;
  if (bytes[0] !== 0x30) {
    const text = bytes.toString('latin1').replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '');
    if (!BASE64.test(text)) throw new CmsFileError('not-a-signed-document');
    der = Buffer.from(text.replace(/\s+/g, ''), 'base64');
  }
  let parsed;
  try {
    parsed = parseDerExact(der);
  } catch (error) {
    // forge reads the whole input and names what is left over: a valid CMS followed by anything is not taken.
    throw new CmsFileError(/Unparsed DER bytes remain/.test(String(error)) ? 'cms-trailing-bytes' : 'not-a-signed-document');
  }
  if (oidOf(children(parsed)[0]) !== OID.signedData) throw new CmsFileError('not-a-signed-document');
  return der;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Verifies every signature of a CMS file over its own content, or over `data` when it is detached. */
export function verifyCmsFile(cmsDer: Buffer, data: Buffer | null, store: TrustInput | null): CmsVerification {
  const count = cmsSignerCount(cmsDer);
  const signatures: SignatureReport[] = [];
  let attached: Buffer | null = null;
  for (let i = 0; i < count; i++) {
    const first = verifyCms(cmsDer, null, i);
    attached = first.content;
    const cms = attached ? first : verifyCms(cmsDer, data, i);
    // Attached content and a data file that is not it: the signature is not over the file the user holds.
    const problems = attached && data && !attached.equals(data) ? ['attached-content-differs'] : [];
    signatures.push(reportSignature(cms, { index: i + 1, coversWholeFile: true, subFilter: null, claimedTime: cms.signingTime, problems }, store));
  }
  const content = attached ?? data;
  return {
    format: 'cms',
    file: { bytes: cmsDer.length, sha256: sha256(cmsDer) },
    content: content ? { attached: attached !== null, bytes: content.length, sha256: sha256(content) } : null,
    signatures,
    valid: signatures.length > 0 && signatures.every((s) => s.signatureValid && s.problems.length === 0),
  };
}
