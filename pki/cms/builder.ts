import forge from 'node-forge';
import { certificateParts } from '../asn1/certificate-parts';
import { algorithm, explicit, int, octets, oid, parseDerExact, seq, set, toDerBuffer, utcTime, children, isContext, type Node } from '../asn1/der';
import { OID } from '../asn1/oids';

/**
 * Builds CMS SignedData (RFC 5652) in the CAdES-BES profile: SHA-256, RSA, signing-certificate-v2.
 * The signature itself and the hashing come from the caller, so the same builder serves the signing
 * core (main/) and the NCA simulator's time-stamping authority (registry/).
 *
 * Written here rather than taken from node-forge's pkcs7 (which @signpdf/signer-p12 uses): forge
 * re-encodes the signer's issuer from its parsed attributes and double-encodes Cyrillic UTF8String
 * names, so the issuer in the CMS no longer matches the certificate's and verifiers reject it. Here
 * the issuer, serial and certificates are copied byte for byte from the certificate's own DER.
 */
export interface CmsBuildInput {
  /** Encapsulated content (a time-stamp's TSTInfo) or, when detached, only its digest is signed. */
  content: Buffer;
  detached: boolean;
  contentType: string;
  signerCertificate: Buffer;
  certificates: Buffer[];
  signingTime?: Date;
  sha256(bytes: Buffer): Buffer;
  /** RSA with SHA-256 over the DER of the signed attributes. */
  sign(bytes: Buffer): Buffer;
}

function signedAttributes(input: CmsBuildInput): Node[] {
  const { issuer, serial } = certificateParts(input.signerCertificate);
  const issuerSerial = seq([seq([explicit(4, [issuer])]), serial]);
  const essCertIdV2 = seq([octets(input.sha256(input.signerCertificate)), issuerSerial]);
  const attributes = [
    seq([oid(OID.contentType), set([oid(input.contentType)])]),
    seq([oid(OID.messageDigest), set([octets(input.sha256(input.content))])]),
    seq([oid(OID.signingCertificateV2), set([seq([seq([essCertIdV2])])])]),
  ];
  if (input.signingTime) attributes.push(seq([oid(OID.signingTime), set([utcTime(input.signingTime)])]));
  // DER orders a SET OF by the encodings of its elements.
  return attributes
    .map((node) => ({ node, der: toDerBuffer(node) }))
    .sort((a, b) => Buffer.compare(a.der, b.der))
    .map((a) => a.node);
}

export function buildSignedData(input: CmsBuildInput): Buffer {
  const attributes = signedAttributes(input);
  const signature = input.sign(toDerBuffer(set(attributes)));
  const { issuer, serial } = certificateParts(input.signerCertificate);
  const digestAlgorithm = algorithm(OID.sha256);
  const signerInfo = seq([
    int(1),
    seq([issuer, serial]),
    digestAlgorithm,
    forge.asn1.create(forge.asn1.Class.CONTEXT_SPECIFIC, 0, true, attributes),
    algorithm(OID.rsaEncryption),
    octets(signature),
  ]);
  const encapsulated = seq([oid(input.contentType), ...(input.detached ? [] : [explicit(0, [octets(input.content)])])]);
  const signedData = seq([
    // Version 3 when the content is not id-data (RFC 5652 §5.1).
    int(input.contentType === OID.data ? 1 : 3),
    set([digestAlgorithm]),
    encapsulated,
    ...(input.certificates.length ? [forge.asn1.create(forge.asn1.Class.CONTEXT_SPECIFIC, 0, true, input.certificates.map(parseDerExact))] : []),
    set([signerInfo]),
  ]);
  return toDerBuffer(seq([oid(OID.signedData), explicit(0, [signedData])]));
}

/** The first SignerInfo's signature value: what a signature time-stamp covers (RFC 3161 appendix A). */
export function signatureValue(cmsDer: Buffer): Buffer {
  const signerInfo = children(lastChild(signedDataOf(cmsDer)))[0];
  const fields = children(signerInfo).filter((n) => !isContext(n, 0) && !isContext(n, 1));
  return Buffer.from(fields[fields.length - 1]!.value as string, 'binary');
}

/** Adds an unsigned attribute to the first SignerInfo; every other byte of the CMS stays as it was. */
export function addUnsignedAttribute(cmsDer: Buffer, attributeOid: string, value: Node): Buffer {
  const cms = parseDerExact(cmsDer);
  const signerInfo = children(lastChild(children(children(cms)[1])[0]))[0]!;
  const fields = signerInfo.value as Node[];
  const attribute = seq([oid(attributeOid), set([value])]);
  const existing = fields.find((n) => isContext(n, 1));
  if (existing) (existing.value as Node[]).push(attribute);
  else fields.push(forge.asn1.create(forge.asn1.Class.CONTEXT_SPECIFIC, 1, true, [attribute]));
  return toDerBuffer(cms);
}

function signedDataOf(cmsDer: Buffer): Node {
  return children(children(parseDerExact(cmsDer))[1])[0]!;
}
function lastChild(n: Node | undefined): Node | undefined {
  const c = children(n);
  return c[c.length - 1];
}
