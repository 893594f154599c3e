import { createPublicKey } from 'node:crypto';
import { bitString, bitStringBytes, bytesOf, children, octets, oid, oidOf, parseDerExact, seq, toDerBuffer, type Node } from '../asn1/der';
import { OID } from '../asn1/oids';
import { curveByParameters, type GostCurve } from '../gost/curves';
import { gostPublicPoint } from '../gost/signature';

/**
 * A certificate's public key (SubjectPublicKeyInfo), read for verifying: RSA through node:crypto, NCA's GOST keys
 * (their curve named by NCA's parameter OID, the point as x‖y little-endian in an OCTET STRING).
 */
export type KeyAlgorithm = 'rsa' | 'gost2015-512' | 'gost2015-256' | 'gost2004' | 'other';

export interface PublicKey {
  algorithm: KeyAlgorithm;
  /** The SubjectPublicKeyInfo as written. */
  spki: Buffer;
  /** For GOST keys: the curve and the point (x‖y, little-endian), checked to lie on it. */
  curve: GostCurve | null;
  point: Buffer | null;
  /** The RSA modulus' or the curve's size. */
  bits: number;
}

export class KeyAlgorithmError extends Error {
  constructor(readonly problem: 'unknown-curve' | 'key-malformed' | 'key-algorithm-unsupported') {
    super(`public key: ${problem}`);
    this.name = 'KeyAlgorithmError';
  }
}

const GOST_KEYS: Record<string, { algorithm: KeyAlgorithm; size: 32 | 64 }> = {
  [OID.gost2015Key512]: { algorithm: 'gost2015-512', size: 64 },
  [OID.gost2015Key256]: { algorithm: 'gost2015-256', size: 32 },
  [OID.gost2004Key]: { algorithm: 'gost2004', size: 32 },
};

/** The key algorithm an AlgorithmIdentifier names, without reading the key itself. */
export function keyAlgorithmOf(algorithmOid: string): KeyAlgorithm {
  if (algorithmOid === OID.rsaEncryption) return 'rsa';
  return GOST_KEYS[algorithmOid]?.algorithm ?? 'other';
}

/** The curve a GOST key's parameters name (SEQUENCE { parameter set, digest [, cipher] }). */
export function gostCurveOf(algorithmOid: string, parameters: Node | undefined): GostCurve {
  const expected = GOST_KEYS[algorithmOid];
  if (!expected) throw new KeyAlgorithmError('key-algorithm-unsupported');
  const curve = curveByParameters(oidOf(children(parameters)[0]));
  if (!curve) throw new KeyAlgorithmError('unknown-curve');
  if (curve.size !== expected.size) throw new KeyAlgorithmError('key-malformed');
  return curve;
}

export function readPublicKey(spki: Buffer): PublicKey {
  let algorithmOid: string;
  let parameters: Node | undefined;
  let keyBits: Buffer;
  try {
    const [algorithm, key] = children(parseDerExact(spki));
    [algorithmOid, parameters] = [oidOf(children(algorithm)[0]), children(algorithm)[1]];
    keyBits = bitStringBytes(key);
  } catch {
    throw new KeyAlgorithmError('key-malformed');
  }
  const algorithm = keyAlgorithmOf(algorithmOid);
  if (algorithm === 'rsa') {
    try {
      const bits = createPublicKey({ key: spki, format: 'der', type: 'spki' }).asymmetricKeyDetails?.modulusLength ?? 0;
      return { algorithm, spki, curve: null, point: null, bits };
    } catch {
      throw new KeyAlgorithmError('key-malformed');
    }
  }
  if (algorithm === 'other') throw new KeyAlgorithmError('key-algorithm-unsupported');
  const curve = gostCurveOf(algorithmOid, parameters);
  let point: Buffer;
  try {
    point = bytesOf(parseDerExact(keyBits));
    gostPublicPoint(curve, point);
  } catch {
    throw new KeyAlgorithmError('key-malformed');
  }
  return { algorithm, spki, curve, point, bits: curve.size * 8 };
}

/** A SubjectPublicKeyInfo of a GOST key, as NCA writes it (for the demo NCA's certificates). */
export function gostSpki(keyOid: string, curve: GostCurve, digestOid: string, point: Buffer): Buffer {
  return toDerBuffer(seq([seq([oid(keyOid), seq([oid(curve.parametersOid), oid(digestOid)])]), bitString(toDerBuffer(octets(point)))]));
}
