import { createHash } from 'node:crypto';
import { certificateParts } from '../asn1/certificate-parts';
import {
  algorithm, bitStringBytes, bytesOf, children, explicit, isContext, octets, oid, oidOf, parseDerExact, seq, timeOf, toDerBuffer, type Node,
} from '../asn1/der';
import { OID } from '../asn1/oids';
import { readCertificate } from '../certificates/certificate';
import { isIssuedBy } from '../certificates/checks';
import { KeyAlgorithmError } from '../algorithms/public-key';
import { SignatureAlgorithmError, verifySignature } from '../algorithms/signatures';
import { CLOCK_SKEW_MS } from './clock-skew';

/**
 * OCSP client (RFC 6960): a request with a SHA-256 CertID and a nonce (RFC 8954), and a response read
 * only after it is proved to answer that request — signed by the issuing CA or by a responder the CA
 * delegated (EKU id-kp-OCSPSigning), carrying our nonce, about our certificate, and current.
 */
export class OcspError extends Error {
  constructor(readonly problem: string) {
    super(`OCSP: ${problem}`);
    this.name = 'OcspError';
  }
}

export interface OcspAnswer {
  status: 'good' | 'revoked' | 'unknown';
  revokedAt: Date | null;
  thisUpdate: Date;
  nextUpdate: Date | null;
  producedAt: Date;
}

const sha = (name: string, bytes: Buffer) => createHash(name).update(bytes).digest();

function certId(certificateDer: Buffer, issuerDer: Buffer): Node {
  const issuer = certificateParts(issuerDer);
  return seq([
    algorithm(OID.sha256),
    octets(sha('sha256', toDerBuffer(issuer.subject))),
    octets(sha('sha256', issuer.publicKeyBits)),
    certificateParts(certificateDer).serial,
  ]);
}

export function ocspRequest(certificateDer: Buffer, issuerDer: Buffer, nonce: Buffer): Buffer {
  const nonceExtension = seq([oid(OID.ocspNonce), octets(toDerBuffer(octets(nonce)))]);
  return toDerBuffer(seq([seq([seq([seq([certId(certificateDer, issuerDer)])]), explicit(2, [seq([nonceExtension])])])]));
}

/** The certificate that signed the response: the CA itself, or a responder certificate it issued for OCSP. */
function responderCertificate(responderId: Node | undefined, included: Buffer[], issuerDer: Buffer, now: Date): Buffer {
  const matches = (der: Buffer) => {
    if (isContext(responderId, 1)) return toDerBuffer(certificateParts(der).subject).equals(toDerBuffer(children(responderId)[0]!));
    if (isContext(responderId, 2)) return sha('sha1', certificateParts(der).publicKeyBits).equals(bytesOf(children(responderId)[0]));
    return false;
  };
  if (matches(issuerDer)) return issuerDer;
  const delegated = included.find((der) => matches(der));
  if (!delegated) throw new OcspError('responder-unknown');
  const responder = readCertificate(delegated);
  if (!isIssuedBy(responder, readCertificate(issuerDer))) throw new OcspError('responder-not-issued-by-ca');
  if (!responder.extendedKeyUsage.includes(OID.ekuOcspSigning)) throw new OcspError('responder-not-authorised');
  if (now < responder.notBefore || now > responder.notAfter) throw new OcspError('responder-certificate-expired');
  return delegated;
}

/** A response whose signature is proved: by the CA, or by a responder the CA delegated and still valid at `now`. */
export interface SignedOcspResponse {
  responder: Buffer;
  producedAt: Date;
  /** The SingleResponses, unread. */
  responses: Node[];
  /** The nonce the response carries, if any. */
  nonce: Buffer | null;
}

/** Reads an OCSP response of `issuerDer`'s certificates and proves its signature; nothing else is believed yet. */
export function openOcspResponse(responseDer: Buffer, issuerDer: Buffer, now: Date): SignedOcspResponse {
  let basic: Node[];
  try {
    const [status, bytes] = children(parseDerExact(responseDer));
    const code = (status?.value as string | undefined)?.charCodeAt(0);
    if (code !== 0) throw new OcspError(`responder-status-${code ?? 'missing'}`);
    const [type, inner] = children(children(bytes)[0]);
    if (oidOf(type) !== OID.ocspBasic) throw new OcspError('unsupported-response-type');
    basic = children(parseDerExact(bytesOf(inner)));
  } catch (error) {
    if (error instanceof OcspError) throw error;
    throw new OcspError('malformed');
  }
  const [tbs, signatureAlgorithm, signature, certsNode] = basic;
  if (!tbs || !signatureAlgorithm || !signature) throw new OcspError('malformed');
  const fields = children(tbs).filter((n) => !isContext(n, 0));
  const [responderId, producedAtNode, responsesNode] = fields;
  // After the responses: responderID byName is a [1] too.
  const extensionsNode = fields.slice(3).find((n) => isContext(n, 1));
  if (!producedAtNode || !responsesNode) throw new OcspError('malformed');

  const included = children(children(certsNode)[0]).map(toDerBuffer);
  const signer = responderCertificate(responderId, included, issuerDer, now);
  let signed: boolean;
  try {
    signed = verifySignature({ algorithm: oidOf(children(signatureAlgorithm)[0]), publicKey: readCertificate(signer).spki, data: toDerBuffer(tbs), signature: bitStringBytes(signature) });
  } catch (error) {
    if (error instanceof SignatureAlgorithmError || error instanceof KeyAlgorithmError) throw new OcspError('unsupported-algorithm');
    throw error;
  }
  if (!signed) throw new OcspError('signature-invalid');
  const nonceExtension = children(children(extensionsNode)[0]).find((ext) => oidOf(children(ext)[0]) === OID.ocspNonce);
  return {
    responder: signer,
    producedAt: timeOf(producedAtNode),
    responses: children(responsesNode),
    // The extension's value is the DER of an OCTET STRING holding the nonce.
    nonce: nonceExtension ? bytesOf(parseDerExact(bytesOf(children(nonceExtension).at(-1)))) : null,
  };
}

export function readOcspResponse(responseDer: Buffer, request: { certificateDer: Buffer; issuerDer: Buffer; nonce: Buffer; now: Date }): OcspAnswer {
  const response = openOcspResponse(responseDer, request.issuerDer, request.now);
  if (!response.nonce || !response.nonce.equals(request.nonce)) throw new OcspError('nonce-mismatch');

  const expectedId = toDerBuffer(certId(request.certificateDer, request.issuerDer));
  const single = response.responses.find((r) => toDerBuffer(children(r)[0]!).equals(expectedId));
  if (!single) throw new OcspError('no-answer-for-certificate');
  const [, statusNode, thisUpdateNode, ...rest] = children(single);
  if (!statusNode || !thisUpdateNode) throw new OcspError('malformed');
  const nextUpdateNode = rest.find((n) => isContext(n, 0));
  const thisUpdate = timeOf(thisUpdateNode);
  const nextUpdate = nextUpdateNode ? timeOf(children(nextUpdateNode)[0]!) : null;
  if (thisUpdate.getTime() > request.now.getTime() + CLOCK_SKEW_MS) throw new OcspError('answer-from-the-future');
  if (nextUpdate && nextUpdate.getTime() < request.now.getTime() - CLOCK_SKEW_MS) throw new OcspError('answer-out-of-date');
  const status = isContext(statusNode, 0) ? 'good' : isContext(statusNode, 1) ? 'revoked' : 'unknown';
  return {
    status,
    revokedAt: status === 'revoked' ? timeOf(children(statusNode)[0]!) : null,
    thisUpdate,
    nextUpdate,
    producedAt: response.producedAt,
  };
}
