import { createPublicKey } from 'node:crypto';
import { bitStringBytes, children, oidOf, parseDerExact, type Node } from '../asn1/der';
import { OID } from '../asn1/oids';
import type { GostCurve } from '../gost/curves';
import { ncaKeyKind, NcaKeyError, readNcaSpki } from '../gost/nca';

/**
 * A certificate's public key (SubjectPublicKeyInfo), read for verifying: RSA through node:crypto, NCA's GOST keys
 * through gost/nca.ts (their curve named by NCA's parameter OID, the point in NCA's byte order).
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

/** The key algorithm an AlgorithmIdentifier names, without reading the key itself. */
export function keyAlgorithmOf(algorithmOid: string): KeyAlgorithm {
  if (algorithmOid === OID.rsaEncryption) return 'rsa';
  return ncaKeyKind(algorithmOid) ?? 'other';
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
  try {
    const { curve, point } = readNcaSpki(algorithmOid, parameters, keyBits);
    return { algorithm, spki, curve, point, bits: curve.size * 8 };
  } catch (error) {
    if (error instanceof NcaKeyError) throw new KeyAlgorithmError(error.problem);
    throw error;
  }
}
