import { randomBytes } from 'node:crypto';
import type { GostCurve } from './curves';

/**
 * GOST R 34.10 signatures (2001/2012; GOST 34.310-2004 and ST RK GOST R 34.10-2015 in Kazakhstan) in NCA's byte
 * layout, checked against NCA's own files: the public key is x‖y and the signature r‖s, each little-endian, and
 * the digest (the hash's output bytes) is read as a little-endian integer. RFC 4491/9215 write the signature as
 * s‖r big-endian: the same bytes reversed.
 */
export class GostKeyError extends Error {
  constructor(readonly problem: 'scalar-out-of-range' | 'point-not-on-curve' | 'wrong-length') {
    super(`GOST key: ${problem}`);
    this.name = 'GostKeyError';
  }
}

export const littleEndian = (bytes: Uint8Array): bigint => {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
};

export function toLittleEndian(n: bigint, size: number): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++, n >>= 8n) out[i] = Number(n & 0xffn);
  return out;
}

const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;

function inverse(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [mod(a, m), m, 1n, 0n];
  while (r1 !== 0n) {
    const quotient = r0 / r1;
    [r0, r1] = [r1, r0 - quotient * r1];
    [s0, s1] = [s1, s0 - quotient * s1];
  }
  return mod(s0, m);
}

/** e of the standard: the digest as a number mod q, and 1 where that is 0. */
export function digestNumber(curve: GostCurve, digest: Uint8Array): bigint {
  const e = littleEndian(digest) % curve.q;
  return e === 0n ? 1n : e;
}

function privateScalar(curve: GostCurve, privateKey: Uint8Array): bigint {
  if (privateKey.length !== curve.size) throw new GostKeyError('wrong-length');
  const d = littleEndian(privateKey);
  if (d <= 0n || d >= curve.q) throw new GostKeyError('scalar-out-of-range');
  return d;
}

/** The public key (x‖y, little-endian) of a private scalar (little-endian, as NCA stores it). */
export function gostPublicKey(curve: GostCurve, privateKey: Uint8Array): Buffer {
  const point = curve.Point.BASE.multiply(privateScalar(curve, privateKey)).toAffine();
  return Buffer.concat([toLittleEndian(point.x, curve.size), toLittleEndian(point.y, curve.size)]);
}

/** A point of the curve's prime-order group, or an error: what a certificate's key must be before it is used. */
export function gostPublicPoint(curve: GostCurve, publicKey: Uint8Array) {
  if (publicKey.length !== 2 * curve.size) throw new GostKeyError('wrong-length');
  try {
    const point = curve.Point.fromAffine({ x: littleEndian(publicKey.subarray(0, curve.size)), y: littleEndian(publicKey.subarray(curve.size)) });
    point.assertValidity();
    return point;
  } catch {
    throw new GostKeyError('point-not-on-curve');
  }
}

/** A random k in [1, q-1]; 16 bytes more than q's size make the reduction's bias negligible. */
function randomK(curve: GostCurve): bigint {
  return (littleEndian(randomBytes(curve.size + 16)) % (curve.q - 1n)) + 1n;
}

/**
 * Signs a digest: r = x(kP) mod q, s = (rd + ke) mod q. kP is @noble/curves' constant-time multiplication,
 * as the secret k must not show in the time taken; `fixedK` is only for the standard's known-answer tests.
 */
export function gostSign(curve: GostCurve, privateKey: Uint8Array, digest: Uint8Array, fixedK?: bigint): Buffer {
  const d = privateScalar(curve, privateKey);
  const e = digestNumber(curve, digest);
  for (;;) {
    const k = fixedK ?? randomK(curve);
    const r = mod(curve.Point.BASE.multiply(k).toAffine().x, curve.q);
    const s = mod(r * d + k * e, curve.q);
    if (r !== 0n && s !== 0n) return Buffer.concat([toLittleEndian(r, curve.size), toLittleEndian(s, curve.size)]);
    if (fixedK !== undefined) throw new Error('the fixed k gives a zero r or s');
  }
}

/** Verifies a signature (r‖s, little-endian) of a digest under a public key (x‖y, little-endian). */
export function gostVerify(curve: GostCurve, publicKey: Uint8Array, digest: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 2 * curve.size) return false;
  const r = littleEndian(signature.subarray(0, curve.size));
  const s = littleEndian(signature.subarray(curve.size));
  if (r <= 0n || r >= curve.q || s <= 0n || s >= curve.q) return false;
  let point;
  try {
    point = gostPublicPoint(curve, publicKey);
  } catch {
    return false;
  }
  const v = inverse(digestNumber(curve, digest), curve.q);
  const z1 = mod(s * v, curve.q);
  const z2 = mod(-r * v, curve.q);
  // Public values only: the faster variable-time multiplications. z1 or z2 may be 0 only for a forged signature.
  const sum = (z1 === 0n ? curve.Point.ZERO : curve.Point.BASE.multiplyUnsafe(z1)).add(z2 === 0n ? curve.Point.ZERO : point.multiplyUnsafe(z2));
  if (sum.equals(curve.Point.ZERO)) return false;
  return mod(sum.toAffine().x, curve.q) === r;
}
