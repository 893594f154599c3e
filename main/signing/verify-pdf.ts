import forge from 'node-forge';
import { createHash, createVerify, X509Certificate } from 'node:crypto';
import { readCertificate, rawIssuerAndSerial, type KazakhCertificate } from './certificate';
import { trustedPath, type RevocationLookup } from './checks';
import { parseDerExact, toDerBuffer } from './der';
import { OID } from './oids';

export interface SignatureReport {
  index: number;
  /** The CMS signature is mathematically valid over the bytes its ByteRange names. */
  signatureValid: boolean;
  /** The signed ranges cover the whole file: nothing was appended after this signature. */
  coversWholeFile: boolean;
  subFilter: string | null;
  signingTime: string | null;
  signer: {
    name: string;
    surname: string | null;
    patronymic: string | null;
    iin: string | null;
    bin: string | null;
    organization: string | null;
    roles: string[];
  } | null;
  certificate: { notBefore: string; notAfter: string; validAtSigning: boolean | null; issuer: string; serial: string } | null;
  chainTrusted: boolean | null;
  /** From the imported CRLs, as of now; a revocation dated after the signing time leaves the signature valid. */
  revocation: { status: 'good' | 'revoked' | 'unknown'; revokedAt: string | null; stale: boolean } | null;
  problems: string[];
}

export interface PdfVerification {
  file: { bytes: number; sha256: string };
  signatures: SignatureReport[];
  /** Every signature valid, the last covering the whole file, every chain trusted when a trust store was given. */
  valid: boolean;
}

const { asn1 } = forge;
type Node = forge.asn1.Asn1;
const children = (n: Node | undefined) => (n?.value ?? []) as Node[];
const oidOf = (n: Node | undefined) => (n ? asn1.derToOid(n.value as string) : '');

interface RawSignature {
  byteRange: [number, number, number, number];
  contents: Buffer;
  subFilter: string | null;
  signingTime: string | null;
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
    let hex = text.slice(hexStart + 1, hexEnd - 1).replace(/\s+/g, '');
    if (!/^[0-9a-fA-F]*$/.test(hex)) continue;
    hex = hex.replace(/(00)+$/, '');
    if (hex.length % 2) hex += '0';
    found.push({
      byteRange,
      contents: Buffer.from(hex, 'hex'),
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
  const problems: string[] = [];
  const [a, b, c, d] = raw.byteRange;
  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const report: SignatureReport = {
    index,
    signatureValid: false,
    coversWholeFile: a === 0 && c + d === pdf.length,
    subFilter: raw.subFilter,
    signingTime: pdfDate(raw.signingTime)?.toISOString() ?? null,
    signer: null,
    certificate: null,
    chainTrusted: null,
    revocation: null,
    problems,
  };
  let cms: Node;
  try {
    cms = parseDerExact(raw.contents);
  } catch {
    problems.push('cms-unreadable');
    return report;
  }
  if (oidOf(children(cms)[0]) !== OID.signedData) {
    problems.push('not-signed-data');
    return report;
  }
  const signedData = children(children(children(cms)[1])[0]);
  const certificatesNode = signedData.find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
  const certificates = children(certificatesNode).map(toDerBuffer);
  const signerInfo = children(signedData[signedData.length - 1])[0];
  const [, sid, , attrsNode, , signatureNode] = children(signerInfo);
  if (!sid || !attrsNode || !signatureNode || attrsNode.tagClass !== asn1.Class.CONTEXT_SPECIFIC) {
    problems.push('no-signed-attributes');
    return report;
  }
  const sidDer = toDerBuffer(sid);
  const signerDer = certificates.find((der) => {
    const { issuer, serial } = rawIssuerAndSerial(der);
    return toDerBuffer(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [issuer, serial])).equals(sidDer);
  });
  if (!signerDer) {
    problems.push('signer-certificate-missing');
    return report;
  }
  const cert: KazakhCertificate = readCertificate(signerDer);
  const attributes = children(attrsNode);
  const digestAttr = attributes.find((attr) => oidOf(children(attr)[0]) === OID.messageDigest);
  const claimed = Buffer.from((children(children(digestAttr)[1])[0]?.value as string) ?? '', 'binary');
  const actual = createHash('sha256').update(signed).digest();
  if (!claimed.equals(actual)) problems.push('content-digest-mismatch');
  const attrsDer = toDerBuffer(attrsNode);
  attrsDer[0] = 0x31; // signed over as a SET OF, not as the [0] IMPLICIT it is stored as
  const verifier = createVerify('sha256');
  verifier.update(attrsDer);
  const mathOk = verifier.verify(new X509Certificate(signerDer).publicKey, Buffer.from(signatureNode.value as string, 'binary'));
  if (!mathOk) problems.push('signature-mismatch');
  report.signatureValid = mathOk && claimed.equals(actual);

  const at = pdfDate(raw.signingTime);
  report.signer = {
    name: cert.commonName,
    surname: cert.surname,
    patronymic: cert.patronymic,
    iin: cert.iin,
    bin: cert.bin,
    organization: cert.organization,
    roles: cert.roles,
  };
  report.certificate = {
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    validAtSigning: at ? cert.notBefore <= at && at <= cert.notAfter : null,
    issuer: cert.issuer,
    serial: cert.serialHex,
  };
  if (report.certificate.validAtSigning === false) problems.push('certificate-not-valid-at-signing');
  if (!cert.canSign) problems.push('not-a-signing-key');
  if (store) {
    const others = certificates.filter((der) => !der.equals(signerDer));
    const path = trustedPath(signerDer, others, store.trusted, at ?? new Date());
    report.chainTrusted = path !== null;
    if (!path) problems.push('untrusted-chain');
    if (path && store.revocation) {
      const verdict = store.revocation(path[0]!, path[1]!, new Date());
      report.revocation = { status: verdict.status, revokedAt: verdict.revokedAt?.toISOString() ?? null, stale: verdict.stale };
      if (verdict.status === 'revoked' && (!at || !verdict.revokedAt || verdict.revokedAt <= at)) problems.push('revoked-before-signing');
    }
  }
  return report;
}

export interface TrustInput {
  trusted: Buffer[];
  revocation?: RevocationLookup;
}

/** Verifies every signature in a PDF; a null store means there was no trust store to judge chains by. */
export function verifyPdf(pdf: Buffer, store: TrustInput | null): PdfVerification {
  const signatures = findSignatures(pdf).map((raw, i) => verifyOne(pdf, raw, i + 1, store));
  const last = signatures[signatures.length - 1];
  // Later signatures cover earlier ones; only bytes after the last signature are unsigned changes.
  if (last && !last.coversWholeFile) last.problems.push('content-after-signature');
  return {
    file: { bytes: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') },
    signatures,
    valid:
      signatures.length > 0 &&
      signatures.every((s) => s.signatureValid && s.problems.length === 0),
  };
}
