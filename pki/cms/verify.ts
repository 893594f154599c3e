import forge from 'node-forge';
import { createHash, createVerify, X509Certificate } from 'node:crypto';
import { certificateParts } from '../asn1/certificate-parts';
import { bytesOf, children, isContext, oidOf, parseDerExact, toDerBuffer, type Node } from '../asn1/der';
import { OID } from '../asn1/oids';

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
}

export function verifyDetachedCms(cmsDer: Buffer, content: Buffer): CmsCheck {
  return verifyCms(cmsDer, content);
}

/** Verifies a CMS SignedData over `detachedContent`, or over its own encapsulated content when that is null. */
export function verifyCms(cmsDer: Buffer, detachedContent: Buffer | null): CmsCheck {
  const result: CmsCheck = {
    signatureValid: false, problems: [], signerDer: null, certificates: [], signingTime: null, contentType: '', content: null, signatureValue: null, timestampToken: null,
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
  result.content = eContent ? bytesOf(eContent) : null;
  const content = detachedContent ?? result.content;
  if (!content) {
    result.problems.push('content-missing');
    return result;
  }
  const certificatesNode = signedData.find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
  result.certificates = children(certificatesNode).map(toDerBuffer);
  const signerInfo = children(signedData[signedData.length - 1])[0];
  const [, sid, , attrsNode, , signatureNode, unsignedNode] = children(signerInfo);
  if (!sid || !attrsNode || !signatureNode || attrsNode.tagClass !== asn1.Class.CONTEXT_SPECIFIC) {
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
  const digestOk = claimed.equals(createHash('sha256').update(content).digest());
  if (!digestOk) result.problems.push('content-digest-mismatch');
  const claimedType = oidOf(attribute(OID.contentType));
  if (claimedType !== result.contentType) result.problems.push('content-type-mismatch');
  const attrsDer = toDerBuffer(attrsNode);
  attrsDer[0] = 0x31; // signed over as a SET OF, not as the [0] IMPLICIT it is stored as
  const mathOk = createVerify('sha256')
    .update(attrsDer)
    .verify(new X509Certificate(signerDer).publicKey, Buffer.from(signatureNode.value as string, 'binary'));
  if (!mathOk) result.problems.push('signature-mismatch');
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
