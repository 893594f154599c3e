import forge from 'node-forge';
import { certificateParts } from '../asn1/certificate-parts';
import { bytesOf, children, isContext, oidOf, parseDerExact, toDerBuffer, type Node } from '../asn1/der';
import { OID } from '../asn1/oids';
import { digestByOid } from '../algorithms/digests';
import { KeyAlgorithmError } from '../algorithms/public-key';
import { SignatureAlgorithmError, verifySignature } from '../algorithms/signatures';
import { readCertificate } from '../certificates/certificate';

/** Checks of one CMS SignedData (detached or not): its signature and digest, and what it carries; judge.ts judges its signer. */
const { asn1 } = forge;

export interface CmsCheck {
  /** The signature is mathematically valid and the content digest matches. */
  signatureValid: boolean;
  problems: string[];
  signerDer: Buffer | null;
  certificates: Buffer[];
  /** The signingTime attribute, when the CMS has one (CAdES for data; PAdES keeps it in the PDF). */
  signingTime: Date | null;
  /** The encapsulated content's type, and the content when it is not detached (a time-stamp's TSTInfo). */
  contentType: string;
  content: Buffer | null;
  /** The signer's signature value: what a signature time-stamp covers. */
  signatureValue: Buffer | null;
  /** The signature time-stamp token in the unsigned attributes (RFC 3161 appendix A), if any. */
  timestampToken: Buffer | null;
  /** The SignerInfo's digest and signature algorithm OIDs. */
  digestAlgorithm: string;
  signatureAlgorithm: string;
}

export function verifyDetachedCms(cmsDer: Buffer, content: Buffer): CmsCheck {
  return verifyCms(cmsDer, content);
}

/** An OCTET STRING's bytes, also when BER writes it constructed, in pieces. */
function octetsOf(node: Node | undefined): Buffer {
  return Array.isArray(node?.value) ? Buffer.concat((node.value as Node[]).map(octetsOf)) : bytesOf(node);
}

/** How many SignerInfos a CMS has (a document signed by several people carries one each); 0 when unreadable. */
export function cmsSignerCount(cmsDer: Buffer): number {
  try {
    const signedData = children(children(children(parseDerExact(cmsDer))[1])[0]);
    return children(signedData[signedData.length - 1]).length;
  } catch {
    return 0;
  }
}

/**
 * Verifies a CMS SignedData over `detachedContent`, or over its own encapsulated content when that is null;
 * `signerIndex` picks one of several SignerInfos.
 */
export function verifyCms(cmsDer: Buffer, detachedContent: Buffer | null, signerIndex = 0): CmsCheck {
  const result: CmsCheck = {
    signatureValid: false, problems: [], signerDer: null, certificates: [], signingTime: null, contentType: '', content: null, signatureValue: null, timestampToken: null, digestAlgorithm: '', signatureAlgorithm: '',
  };
  let cms: Node;
  try {
    cms = parseDerExact(cmsDer);
  } catch {
    result.problems.push('cms-unreadable');
    return result;
  }
  if (oidOf(children(cms)[0]) !== OID.signedData) {
    result.problems.push('not-signed-data');
    return result;
  }
  const signedData = children(children(children(cms)[1])[0]);
  const encapsulated = children(signedData[2]);
  result.contentType = oidOf(encapsulated[0]);
  const eContent = children(encapsulated.find((n) => isContext(n, 0)))[0];
  result.content = eContent ? octetsOf(eContent) : null;
  const content = detachedContent ?? result.content;
  const certificatesNode = signedData.find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
  result.certificates = children(certificatesNode).map(toDerBuffer);
  const signerInfo = children(signedData[signedData.length - 1])[signerIndex];
  const [, sid, digestAlgorithmNode, attrsNode, signatureAlgorithmNode, signatureNode, unsignedNode] = children(signerInfo);
  if (!sid || !attrsNode || !signatureNode || !isContext(attrsNode, 0) || !attrsNode.constructed) {
    result.problems.push('no-signed-attributes');
    return result;
  }
  const signerDer = certificateNamedBy(sid, result.certificates);
  if (!signerDer) {
    result.problems.push('signer-certificate-missing');
    return result;
  }
  result.signerDer = signerDer;
  result.signatureValue = bytesOf(signatureNode);
  const timestamp = children(unsignedNode).find((attr) => oidOf(children(attr)[0]) === OID.signatureTimeStampToken);
  const token = children(children(timestamp)[1])[0];
  result.timestampToken = token ? toDerBuffer(token) : null;
  const attribute = (oid: string) => children(children(children(attrsNode).find((attr) => oidOf(children(attr)[0]) === oid))[1])[0];
  const claimed = Buffer.from((attribute(OID.messageDigest)?.value as string) ?? '', 'binary');
  const time = attribute(OID.signingTime);
  if (time && typeof time.value === 'string') {
    result.signingTime = time.type === asn1.Type.UTCTIME ? asn1.utcTimeToDate(time.value) : asn1.generalizedTimeToDate(time.value);
  }
  result.digestAlgorithm = oidOf(children(digestAlgorithmNode)[0]);
  result.signatureAlgorithm = oidOf(children(signatureAlgorithmNode)[0]);
  if (!content) {
    // A detached signature without its data: who signed can be told, not what.
    result.problems.push('content-missing');
    return result;
  }
  const digest = digestByOid(result.digestAlgorithm);
  if (!digest) {
    result.problems.push('digest-algorithm-unsupported');
    return result;
  }
  const digestOk = claimed.equals(digest(content));
  if (!digestOk) result.problems.push('content-digest-mismatch');
  const claimedType = oidOf(attribute(OID.contentType));
  if (claimedType !== result.contentType) result.problems.push('content-type-mismatch');
  const attrsDer = toDerBuffer(attrsNode);
  attrsDer[0] = 0x31; // signed over as a SET OF, not as the [0] IMPLICIT it is stored as
  let mathOk = false;
  try {
    const signer = readCertificate(signerDer);
    mathOk = verifySignature({ algorithm: result.signatureAlgorithm, digestAlgorithm: result.digestAlgorithm, publicKey: signer.spki, data: attrsDer, signature: result.signatureValue });
    if (!mathOk) result.problems.push('signature-mismatch');
  } catch (error) {
    if (error instanceof SignatureAlgorithmError || error instanceof KeyAlgorithmError) result.problems.push(error.problem);
    else result.problems.push('signer-certificate-unreadable');
  }
  result.signatureValid = mathOk && digestOk;
  return result;
}

/** The certificate a SignerIdentifier (issuer and serial) names, among those the CMS carries. */
function certificateNamedBy(sid: Node, certificates: Buffer[]): Buffer | undefined {
  const sidDer = toDerBuffer(sid);
  return certificates.find((der) => {
    const { issuer, serial } = certificateParts(der);
    return toDerBuffer(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [issuer, serial])).equals(sidDer);
  });
}

/** The signer's certificate and the others a CMS carries, read without checking anything (no hashing). */
export function cmsCertificates(cmsDer: Buffer): { signer: Buffer; others: Buffer[] } | null {
  try {
    const signedData = children(children(children(parseDerExact(cmsDer))[1])[0]);
    const certificates = children(signedData.find((n) => isContext(n, 0) && n.constructed)).map(toDerBuffer);
    const sid = children(children(signedData[signedData.length - 1])[0])[1];
    const signer = sid ? certificateNamedBy(sid, certificates) : undefined;
    return signer ? { signer, others: certificates.filter((der) => !der.equals(signer)) } : null;
  } catch {
    return null;
  }
}
