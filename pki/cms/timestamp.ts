import { algorithm, bool, bytesOf, children, int, octets, oid, parseDerExact, seq, timeOf, toDerBuffer, unsignedInt, integerHex, oidOf } from '../asn1/der';
import { OID } from '../asn1/oids';
import { digestByOid } from '../algorithms/digests';
import { readCertificate } from '../certificates/certificate';
import { verifyCms } from './verify';

/**
 * RFC 3161 time-stamps: the request for an imprint (SHA-256 for an RSA signature, Streebog for a GOST one) with a
 * nonce and, where the TSA serves several, the policy (NCA: GOST 2015 tokens under 1.2.398.3.3.2.6.4); the
 * response checked against it; and a token read and checked on its own (imprint, CMS signature — RSA or GOST —,
 * a TSA certificate with the time-stamping EKU). Whether the TSA chains to the trust store is the caller's check.
 */
export class TimestampError extends Error {
  constructor(readonly problem: string) {
    super(`time-stamp: ${problem}`);
    this.name = 'TimestampError';
  }
}

export interface TimestampAsk {
  digest: Buffer;
  nonce: Buffer;
  /** The imprint's hash algorithm; SHA-256 unless named. */
  digestOid?: string;
  /** The TSA policy to ask for (reqPolicy); the TSA's default when left out. */
  policy?: string;
}

export function timestampRequest(ask: TimestampAsk): Buffer {
  const imprint = seq([algorithm(ask.digestOid ?? OID.sha256), octets(ask.digest)]);
  return toDerBuffer(seq([int(1), imprint, ...(ask.policy ? [oid(ask.policy)] : []), unsignedInt(ask.nonce), bool(true)]));
}

export interface TimestampToken {
  time: Date;
  serialHex: string;
  policy: string;
  /** The hash of what was time-stamped, as the token states it, and the hash's algorithm. */
  imprint: Buffer;
  imprintAlgorithm: string;
  nonce: Buffer | null;
  tsaCertificate: Buffer | null;
  certificates: Buffer[];
  /** Empty when the token is sound (signature, imprint algorithm, TSA certificate). */
  problems: string[];
}

export function readTimestampToken(tokenDer: Buffer): TimestampToken {
  const cms = verifyCms(tokenDer, null);
  const problems = [...cms.problems];
  if (cms.contentType !== OID.tstInfo || !cms.content) throw new TimestampError('not-a-time-stamp');
  let fields;
  try {
    fields = children(parseDerExact(cms.content));
  } catch {
    throw new TimestampError('malformed');
  }
  const [, policy, imprint, serial, genTime, ...rest] = fields;
  if (!policy || !imprint || !serial || !genTime) throw new TimestampError('malformed');
  const [imprintAlgorithm, imprintValue] = children(imprint);
  const imprintOid = oidOf(children(imprintAlgorithm)[0]);
  if (!digestByOid(imprintOid)) problems.push('timestamp-imprint-algorithm-unsupported');
  const nonce = rest.find((n) => n.tagClass === 0 && n.type === 2);
  if (cms.signerDer) {
    const tsa = readCertificate(cms.signerDer);
    if (!tsa.extendedKeyUsage.includes(OID.ekuTimeStamping)) problems.push('timestamp-not-by-a-tsa');
  }
  if (!cms.signatureValid) problems.push('timestamp-signature-invalid');
  return {
    time: timeOf(genTime),
    serialHex: integerHex(serial),
    policy: oidOf(policy),
    imprint: bytesOf(imprintValue),
    imprintAlgorithm: imprintOid,
    nonce: nonce ? bytesOf(nonce) : null,
    tsaCertificate: cms.signerDer,
    certificates: cms.certificates,
    problems,
  };
}

/** The token out of a TSA's response, checked against the request: granted, our imprint, our nonce. */
export function readTimestampResponse(responseDer: Buffer, request: TimestampAsk): { token: Buffer; read: TimestampToken } {
  let status: number;
  let tokenNode;
  try {
    const [statusInfo, token] = children(parseDerExact(responseDer));
    status = parseInt(integerHex(children(statusInfo)[0]!), 16);
    tokenNode = token;
  } catch {
    throw new TimestampError('malformed');
  }
  if (status !== 0 && status !== 1) throw new TimestampError(`refused-${status}`);
  if (!tokenNode) throw new TimestampError('no-token');
  const token = toDerBuffer(tokenNode);
  const read = readTimestampToken(token);
  if (!read.imprint.equals(request.digest) || read.imprintAlgorithm !== (request.digestOid ?? OID.sha256)) throw new TimestampError('imprint-mismatch');
  if (request.policy && read.policy !== request.policy) throw new TimestampError('policy-mismatch');
  if (!read.nonce || asNumber(read.nonce) !== asNumber(request.nonce)) throw new TimestampError('nonce-mismatch');
  if (read.problems.length) throw new TimestampError(read.problems[0]!);
  return { token, read };
}

/** An INTEGER's bytes as hex without leading zeros: the nonce may come back with a sign byte. */
const asNumber = (bytes: Buffer) => bytes.toString('hex').replace(/^(00)+/, '');

/** What a signature time-stamp covers: the signature value (RFC 3161 appendix A), hashed as the token names. */
export function signatureImprint(signatureValue: Buffer, digestOid: string = OID.sha256): Buffer | null {
  return digestByOid(digestOid)?.(signatureValue) ?? null;
}
