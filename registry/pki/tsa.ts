import { NCA_TSA_POLICY } from '../../domain/api/pki';
import { buildSignedData } from '../../pki/cms/builder';
import { bytesOf, children, generalizedTime, int, oid, oidOf, parseDerExact, seq, toDerBuffer, unsignedInt, type Node } from '../../pki/asn1/der';
import { OID } from '../../pki/asn1/oids';
import { digestByOid } from '../../pki/algorithms/digests';
import { privateKeyOf, type Issued } from './certificates';

/**
 * The NCA's time-stamping authority (RFC 3161), simulated as NCA runs it now: tokens signed with GOST 2015 under
 * policy 1.2.398.3.3.2.6.4 (asked for or not); a request for the old GOST 2004 policy is refused, as NCA refuses
 * it. Imprints in any hash the office knows (SHA-256 for RSA signatures, Streebog for GOST ones), the nonce
 * echoed, the TSA's certificate included when asked (certReq), ESSCertIDv2 in the token (RFC 5816).
 */
export const SIMULATOR_TSA_POLICY = NCA_TSA_POLICY;

/** TimeStampResp with a rejection (PKIStatus 2) and no token, with its PKIFailureInfo bit when given. */
function rejection(failInfoBit?: number): Buffer {
  if (failInfoBit === undefined) return toDerBuffer(seq([seq([int(2)])]));
  const bytes = Buffer.alloc((failInfoBit >> 3) + 1);
  bytes[failInfoBit >> 3] = 0x80 >> (failInfoBit & 7);
  const failInfo = parseDerExact(Buffer.concat([Buffer.from([0x03, bytes.length + 1, 7 - (failInfoBit & 7)]), bytes]));
  return toDerBuffer(seq([seq([int(2), failInfo])]));
}
const BAD_ALGORITHM = 0;
const UNACCEPTED_POLICY = 15;

export function answerTimestamp(requestDer: Buffer, tsa: Issued, chain: Issued[], now: Date, serial: Buffer): Buffer {
  let imprint: Node;
  let nonce: Node | undefined;
  let certReq = false;
  try {
    const [version, messageImprint, ...rest] = children(parseDerExact(requestDer));
    if (!version || !messageImprint) return rejection();
    const digest = digestByOid(oidOf(children(children(messageImprint)[0])[0]));
    if (!digest) return rejection(BAD_ALGORITHM);
    if (bytesOf(children(messageImprint)[1]).length !== digest(Buffer.alloc(0)).length) return rejection();
    const policy = rest.find((n) => n.type === 6 && n.tagClass === 0);
    if (policy && oidOf(policy) !== SIMULATOR_TSA_POLICY) return rejection(UNACCEPTED_POLICY);
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
    key: privateKeyOf(tsa),
  });
  return toDerBuffer(seq([seq([int(0)]), parseDerExact(token)]));
}
