import { randomBytes } from 'node:crypto';
import type { GostCurve } from './curves';

/**
 * GOST R 34.10 signatures (2001/2012; GOST 34.310-2004 and ST RK GOST R 34.10-2015 in Kazakhstan) as the standard
 * writes them: numbers in, numbers out. How NCA lays them out in bytes is nca.ts.
 */
export class GostKeyError extends Error {
  constructor(readonly problem: 'scalar-out-of-range' | 'point-not-on-curve' | 'wrong-length') {
    super(`GOST key: ${problem}`);
    this.name = 'GostKeyError';
  }
}

export type GostPoint = InstanceType<GostCurve['Point']>;

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

function checkScalar(curve: GostCurve, d: bigint): bigint {
  if (d <= 0n || d >= curve.q) throw new GostKeyError('scalar-out-of-range');
  return d;
}

/** The public key dP of a private key d. */
export function publicPoint(curve: GostCurve, d: bigint): GostPoint {
  return curve.Point.BASE.multiply(checkScalar(curve, d));
}

/** A point of the curve's prime-order group, or an error: what a certificate's key must be before it is used. */
export function curvePoint(curve: GostCurve, x: bigint, y: bigint): GostPoint {
  try {
    const point = curve.Point.fromAffine({ x, y });
    point.assertValidity();
    return point;
  } catch {
    throw new GostKeyError('point-not-on-curve');
  }
}

/** e of the standard: α mod q, and 1 where that is 0. */
const digestNumber = (curve: GostCurve, alpha: bigint) => mod(alpha, curve.q) || 1n;

/** A random k in [1, q-1]; 16 bytes more than q's size make the reduction's bias negligible. */
function randomK(curve: GostCurve): bigint {
  return (BigInt(`0x${randomBytes(curve.size + 16).toString('hex')}`) % (curve.q - 1n)) + 1n;
}

/**
 * Signs the number α of a digest: r = x(kP) mod q, s = (rd + ke) mod q. kP is @noble/curves' constant-time
 * multiplication, as the secret k must not show in the time taken; `fixedK` is only for the standard's
 * known-answer tests.
 */
export function sign(curve: GostCurve, d: bigint, alpha: bigint, fixedK?: bigint): { r: bigint; s: bigint } {
  checkScalar(curve, d);
  const e = digestNumber(curve, alpha);
  for (;;) {
    const k = fixedK ?? randomK(curve);
    const r = mod(curve.Point.BASE.multiply(k).toAffine().x, curve.q);
    const s = mod(r * d + k * e, curve.q);
    if (r !== 0n && s !== 0n) return { r, s };
    if (fixedK !== undefined) throw new Error('the fixed k gives a zero r or s');
  }
}

/** Verifies (r, s) over the number α of a digest under the public key Q; r or s out of (0, q) is no signature. */
export function verify(curve: GostCurve, Q: GostPoint, alpha: bigint, r: bigint, s: bigint): boolean {
  if (r <= 0n || r >= curve.q || s <= 0n || s >= curve.q) return false;
  const v = inverse(digestNumber(curve, alpha), curve.q);
  const z1 = mod(s * v, curve.q);
  const z2 = mod(-r * v, curve.q);
  // Public values only: the faster variable-time multiplications. z1 or z2 may be 0 only for a forged signature.
  const sum = (z1 === 0n ? curve.Point.ZERO : curve.Point.BASE.multiplyUnsafe(z1)).add(z2 === 0n ? curve.Point.ZERO : Q.multiplyUnsafe(z2));
  if (sum.equals(curve.Point.ZERO)) return false;
  return mod(sum.toAffine().x, curve.q) === r;
}
