import forge from 'node-forge';
import { createHash, sign as rsaSign, type KeyObject } from 'node:crypto';
import { rawIssuerAndSerial } from './certificate';
import { parseDerExact as fromDer, toDerBuffer as toDer } from './der';
import { OID } from './oids';

/**
 * Builds a detached CMS SignedData (CAdES-BES: signing-certificate-v2, SHA-256, RSA).
 *
 * Written here rather than taken from node-forge's pkcs7 (which @signpdf/signer-p12 uses): forge
 * re-encodes the signer's issuer from its parsed attributes and double-encodes Cyrillic UTF8String
 * names, so the issuer in the CMS no longer matches the certificate's and verifiers reject it. Here
 * the issuer, serial and certificates are copied byte for byte from the certificate's own DER.
 */
const { asn1 } = forge;
const seq = (value: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, value);
const set = (value: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, value);
const oid = (value: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
const octets = (bytes: Buffer) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes.toString('binary'));
const int = (n: number) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const nul = () => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '');
const explicit = (tag: number, value: forge.asn1.Asn1[]) => asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, value);

export interface CmsSigner {
  privateKey: KeyObject;
  certificateDer: Buffer;
  chainDer?: Buffer[];
}

export interface CmsOptions {
  /** Add the signingTime attribute (CAdES for data); PAdES keeps the time in the signature dictionary instead. */
  signingTime?: Date;
}

function signedAttributes(contentDigest: Buffer, certificateDer: Buffer, options: CmsOptions): forge.asn1.Asn1[] {
  const { issuer, serial } = rawIssuerAndSerial(certificateDer);
  const certHash = createHash('sha256').update(certificateDer).digest();
  const generalNames = seq([explicit(4, [issuer])]);
  const attributes = [
    seq([oid(OID.contentType), set([oid(OID.data)])]),
    seq([oid(OID.messageDigest), set([octets(contentDigest)])]),
    seq([oid(OID.signingCertificateV2), set([seq([seq([seq([octets(certHash), seq([generalNames, serial])])])])])]),
  ];
  if (options.signingTime) {
    attributes.push(
      seq([oid(OID.signingTime), set([asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(options.signingTime))])]),
    );
  }
  // DER orders a SET OF by the encodings of its elements.
  return attributes
    .map((node) => ({ node, der: toDer(node) }))
    .sort((a, b) => Buffer.compare(a.der, b.der))
    .map((a) => a.node);
}

/** A detached CMS over `content`. */
export function signDetached(content: Buffer, signer: CmsSigner, options: CmsOptions = {}): Buffer {
  const digest = createHash('sha256').update(content).digest();
  const attributes = signedAttributes(digest, signer.certificateDer, options);
  const signature = rsaSign('sha256', toDer(set(attributes)), signer.privateKey);
  const { issuer, serial } = rawIssuerAndSerial(signer.certificateDer);
  const digestAlgorithm = seq([oid(OID.sha256), nul()]);

  const signerInfo = seq([
    int(1),
    seq([issuer, serial]),
    digestAlgorithm,
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, attributes),
    seq([oid(OID.rsaEncryption), nul()]),
    octets(signature),
  ]);
  const certificates = [signer.certificateDer, ...(signer.chainDer ?? [])].map(fromDer);
  const signedData = seq([
    int(1),
    set([digestAlgorithm]),
    seq([oid(OID.data)]),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, certificates),
    set([signerInfo]),
  ]);
  return toDer(seq([oid(OID.signedData), explicit(0, [signedData])]));
}
