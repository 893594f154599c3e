import { createHash } from 'node:crypto';
import { cmsCertificates, verifyDetachedCms } from '../cms/verify';
import { reportSignature, type SignatureReport, type TrustInput } from '../cms/judge';

export type { SignatureReport, TrustInput } from '../cms/judge';

export interface PdfVerification {
  format: 'pdf';
  file: { bytes: number; sha256: string };
  signatures: SignatureReport[];
  /** Every signature valid, the last covering the whole file, every chain trusted when a trust store was given. */
  valid: boolean;
}


interface RawSignature {
  byteRange: [number, number, number, number];
  contents: Buffer;
  subFilter: string | null;
  signingTime: string | null;
}

/**
 * The CMS in a signature's /Contents: exactly as long as its DER header says; the rest is the
 * placeholder's zero padding. (Trimming trailing zeros instead cut the last byte off one signature in
 * 256 — those whose signature value ends in 0x00 — and called a genuine document unreadable.)
 */
export function cmsInContents(hex: string): Buffer {
  const bytes = Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
  if (bytes.length < 2 || bytes[0] !== 0x30) return bytes;
  const first = bytes[1]!;
  const lengthBytes = first < 0x80 ? 0 : first & 0x7f;
  if (lengthBytes > 4 || bytes.length < 2 + lengthBytes) return bytes;
  const length = lengthBytes === 0 ? first : bytes.readUIntBE(2, lengthBytes);
  const end = 2 + lengthBytes + length;
  return end <= bytes.length ? bytes.subarray(0, end) : bytes;
}

/** Finds signature dictionaries by their ByteRange; enough for the PDFs signers write (incremental updates included). */
function findSignatures(pdf: Buffer): RawSignature[] {
  const text = pdf.toString('latin1');
  const found: RawSignature[] = [];
  const pattern = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const byteRange = m.slice(1, 5).map(Number) as [number, number, number, number];
    const hexStart = byteRange[0] + byteRange[1];
    const hexEnd = byteRange[2];
    if (hexEnd > pdf.length || hexStart >= hexEnd || text[hexStart] !== '<' || text[hexEnd - 1] !== '>') continue;
    const dictionaryStart = text.lastIndexOf('<<', m.index);
    const dictionaryText = text.slice(dictionaryStart, Math.min(text.length, hexEnd + 400));
    const hex = text.slice(hexStart + 1, hexEnd - 1).replace(/\s+/g, '');
    if (!/^[0-9a-fA-F]*$/.test(hex)) continue;
    found.push({
      byteRange,
      contents: cmsInContents(hex),
      subFilter: /\/SubFilter\s*\/([A-Za-z0-9.]+)/.exec(dictionaryText)?.[1] ?? null,
      signingTime: /\/M\s*\(D:(\d{14})/.exec(dictionaryText)?.[1] ?? null,
    });
  }
  return found;
}

function pdfDate(d: string | null): Date | null {
  if (!d) return null;
  return new Date(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(8, 10)}:${d.slice(10, 12)}:${d.slice(12, 14)}Z`);
}

function verifyOne(pdf: Buffer, raw: RawSignature, index: number, store: TrustInput | null): SignatureReport {
  const [a, b, c, d] = raw.byteRange;
  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const cms = verifyDetachedCms(raw.contents, signed);
  return reportSignature(cms, { index, coversWholeFile: a === 0 && c + d === pdf.length, subFilter: raw.subFilter, claimedTime: pdfDate(raw.signingTime) }, store);
}


/** The certificates each signature carries (signer first), to bring their revocation data up to date before verifying. */
export function signatureCertificates(pdf: Buffer): { signer: Buffer; others: Buffer[] }[] {
  return findSignatures(pdf).flatMap((raw) => {
    const found = cmsCertificates(raw.contents);
    return found ? [found] : [];
  });
}

/** Verifies every signature in a PDF; a null store means there was no trust store to judge chains by. */
export function verifyPdf(pdf: Buffer, store: TrustInput | null): PdfVerification {
  const signatures = findSignatures(pdf).map((raw, i) => verifyOne(pdf, raw, i + 1, store));
  const last = signatures[signatures.length - 1];
  // Later signatures cover earlier ones; only bytes after the last signature are unsigned changes.
  if (last && !last.coversWholeFile) last.problems.push('content-after-signature');
  return {
    format: 'pdf',
    file: { bytes: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') },
    signatures,
    valid:
      signatures.length > 0 &&
      signatures.every((s) => s.signatureValid && s.problems.length === 0),
  };
}
