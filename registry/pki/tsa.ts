import { createHash, createSign } from 'node:crypto';
import { buildSignedData } from '../../pki/cms/builder';
import { bytesOf, children, generalizedTime, int, oid, oidOf, parseDerExact, seq, toDerBuffer, unsignedInt, type Node } from '../../pki/asn1/der';
import { OID } from '../../pki/asn1/oids';
import type { Issued } from './certificates';

/**
 * The NCA's time-stamping authority (RFC 3161), simulated: SHA-256 message imprints only, the nonce
 * echoed, the TSA's certificate included when asked (certReq), ESSCertIDv2 in the token (RFC 5816).
 */
export const SIMULATOR_TSA_POLICY = '1.2.398.3.3.2.6.1';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest();

/** TimeStampResp with a rejection (PKIStatus 2) and no token. */
const rejection = () => toDerBuffer(seq([seq([int(2)])]));

export function answerTimestamp(requestDer: Buffer, tsa: Issued, chain: Issued[], now: Date, serial: Buffer): Buffer {
  let imprint: Node;
  let nonce: Node | undefined;
  let certReq = false;
  try {
    const [version, messageImprint, ...rest] = children(parseDerExact(requestDer));
    if (!version || !messageImprint || oidOf(children(children(messageImprint)[0])[0]) !== OID.sha256) return rejection();
    if (bytesOf(children(messageImprint)[1]).length !== 32) return rejection();
    imprint = messageImprint;
    nonce = rest.find((n) => n.type === 2 && n.tagClass === 0);
    certReq = rest.some((n) => n.type === 1 && n.tagClass === 0 && n.value === '\xff');
  } catch {
    return rejection();
  }
  const tstInfo = toDerBuffer(
    seq([int(1), oid(SIMULATOR_TSA_POLICY), imprint, unsignedInt(serial), generalizedTime(now), seq([int(1)]), ...(nonce ? [nonce] : [])]),
  );
  const token = buildSignedData({
    content: tstInfo,
    detached: false,
    contentType: OID.tstInfo,
    signerCertificate: tsa.certificateDer,
    certificates: certReq ? [tsa.certificateDer, ...chain.map((c) => c.certificateDer)] : [],
    sha256,
    sign: (bytes) => createSign('sha256').update(bytes).sign(tsa.privateKeyPem),
  });
  return toDerBuffer(seq([seq([int(0)]), parseDerExact(token)]));
}
