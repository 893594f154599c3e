import forge from 'node-forge';
import { certificateParts } from '../asn1/certificate-parts';
import { algorithm, explicit, int, octets, oid, oidOf, parseDerExact, seq, set, toDerBuffer, utcTime, children, isContext, type Node } from '../asn1/der';
import { OID } from '../asn1/oids';
import type { PrivateKey } from '../algorithms/private-key';

/**
 * Builds CMS SignedData (RFC 5652) in the CAdES-BES profile with signing-certificate-v2: RSA with SHA-256, or
 * NCA's GOST 2015 with Streebog. The key (its algorithms, hashing and signing) comes from the caller, so the same
 * builder serves the signing core (main/) and the NCA simulator's time-stamping authority (registry/).
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
  /** Hashes the content and signs the DER of the signed attributes. */
  key: Pick<PrivateKey, 'digestOid' | 'signatureOid' | 'digest' | 'sign'>;
}

function signedAttributes(input: CmsBuildInput): Node[] {
  const { issuer, serial } = certificateParts(input.signerCertificate);
  const { key } = input;
  const issuerSerial = seq([seq([explicit(4, [issuer])]), serial]);
  // ESSCertIDv2's hash algorithm is SHA-256 unless named (RFC 5035); DER leaves the default out.
  const certHash = key.digestOid === OID.sha256 ? [] : [algorithm(key.digestOid)];
  const essCertIdV2 = seq([...certHash, octets(key.digest(input.signerCertificate)), issuerSerial]);
  const attributes = [
    seq([oid(OID.contentType), set([oid(input.contentType)])]),
    // The hash's own output bytes, as NCA's Kalkan writes them for GOST too.
    seq([oid(OID.messageDigest), set([octets(key.digest(input.content))])]),
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
  const signature = input.key.sign(toDerBuffer(set(attributes)));
  const { issuer, serial } = certificateParts(input.signerCertificate);
  const digestAlgorithm = algorithm(input.key.digestOid);
  const signerInfo = seq([
    int(1),
    seq([issuer, serial]),
    digestAlgorithm,
    forge.asn1.create(forge.asn1.Class.CONTEXT_SPECIFIC, 0, true, attributes),
    algorithm(input.key.signatureOid),
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

/** The first SignerInfo's digest and signature algorithms. */
export function signerAlgorithms(cmsDer: Buffer): { digestOid: string; signatureOid: string } {
  const [, , digestAlgorithm, , signatureAlgorithm] = children(children(lastChild(signedDataOf(cmsDer)))[0]);
  return { digestOid: oidOf(children(digestAlgorithm)[0]), signatureOid: oidOf(children(signatureAlgorithm)[0]) };
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
