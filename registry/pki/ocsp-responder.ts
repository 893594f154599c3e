import forge from 'node-forge';
import { createHash } from 'node:crypto';
import { certificateParts } from '../../pki/asn1/certificate-parts';
import {
  bitString, bytesOf, children, enumerated, explicit, generalizedTime, implicitPrimitive, integerHex, isContext, octets, oid, oidOf,
  parseDerExact, seq, toDerBuffer, type Node,
} from '../../pki/asn1/der';
import { OID } from '../../pki/asn1/oids';
import { privateKeyOf, signatureAlgorithmOf, type Issued } from './certificates';

/**
 * The NCA's OCSP responder (RFC 6960), simulated: answers for the certificates of one CA, signed by a
 * delegated responder certificate (EKU id-kp-OCSPSigning) issued by that CA with the CA's kind of key (GOST 2015
 * for NCA's GOST CA), echoing the request's nonce.
 */
export type CertificateStatus = { status: 'good' } | { status: 'revoked'; revokedAt: Date } | { status: 'unknown' };

export interface OcspAuthority {
  ca: Issued;
  responder: Issued;
  statusOf(serialHex: string): CertificateStatus;
  /** Name the responder by its subject (ResponderID byName) instead of its key hash. */
  byName?: boolean;
}

const HASHES: Record<string, string> = { [OID.sha1]: 'sha1', [OID.sha256]: 'sha256' };
const digest = (name: string, bytes: Buffer) => createHash(name).update(bytes).digest();

/** OCSPResponse with only a status: malformedRequest (1), internalError (2), unauthorized (6). */
function statusOnly(code: number): Buffer {
  return toDerBuffer(seq([enumerated(code)]));
}

function certStatus(status: CertificateStatus): Node {
  if (status.status === 'good') return implicitPrimitive(0, '');
  if (status.status === 'unknown') return implicitPrimitive(2, '');
  return forge.asn1.create(forge.asn1.Class.CONTEXT_SPECIFIC, 1, true, [generalizedTime(status.revokedAt)]);
}

export function answerOcsp(requestDer: Buffer, authority: OcspAuthority, now: Date): Buffer {
  let requests: Node[];
  let nonce: Node | undefined;
  try {
    const tbsRequest = children(parseDerExact(requestDer))[0];
    const fields = children(tbsRequest);
    requests = children(fields.find((n) => !isContext(n, 0) && !isContext(n, 1) && !isContext(n, 2)));
    nonce = children(children(fields.find((n) => isContext(n, 2)))[0]).find((ext) => oidOf(children(ext)[0]) === OID.ocspNonce);
    if (requests.length === 0) return statusOnly(1);
  } catch {
    return statusOnly(1);
  }
  const caParts = certificateParts(authority.ca.certificateDer);
  const caName = toDerBuffer(caParts.subject);
  const responses: Node[] = [];
  for (const request of requests) {
    const certId = children(request)[0];
    const [hashAlgorithm, nameHash, keyHash, serial] = children(certId);
    const hash = HASHES[oidOf(children(hashAlgorithm)[0])];
    if (!hash || !nameHash || !keyHash || !serial) return statusOnly(1);
    const ours = digest(hash, caName).equals(bytesOf(nameHash)) && digest(hash, caParts.publicKeyBits).equals(bytesOf(keyHash));
    const status = ours ? authority.statusOf(integerHex(serial)) : { status: 'unknown' as const };
    responses.push(seq([certId!, certStatus(status), generalizedTime(now), explicit(0, [generalizedTime(new Date(now.getTime() + 3_600_000))])]));
  }
  const responderKeyHash = digest('sha1', certificateParts(authority.responder.certificateDer).publicKeyBits);
  const responseData = seq([
    authority.byName ? explicit(1, [certificateParts(authority.responder.certificateDer).subject]) : explicit(2, [octets(responderKeyHash)]),
    generalizedTime(now),
    seq(responses),
    ...(nonce ? [explicit(1, [seq([nonce])])] : []),
  ]);
  const signature = privateKeyOf(authority.responder).sign(toDerBuffer(responseData));
  const basic = seq([
    responseData,
    signatureAlgorithmOf(authority.responder),
    bitString(signature),
    explicit(0, [seq([parseDerExact(authority.responder.certificateDer)])]),
  ]);
  return toDerBuffer(seq([enumerated(0), explicit(0, [seq([oid(OID.ocspBasic), octets(toDerBuffer(basic))])])]));
}
