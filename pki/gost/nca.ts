import { bitString, bytesOf, children, int, octets, oid, oidOf, parseDerExact, seq, toDerBuffer, type Node } from '../asn1/der';
import { OID } from '../asn1/oids';
import { CRYPTOPRO_A, TC26_256_A, TC26_512_A, type GostCurve } from './curves';
import { curvePoint, GostKeyError, publicPoint, sign, verify, type GostPoint } from './signature';

/**
 * What is NCA's own in its GOST keys and signatures, checked against NCA's files (../shared/vectors/nca-gost):
 * the OIDs that name its algorithms and curves, and the byte order — the public key x‖y and the signature r‖s,
 * each little-endian, the digest (the hash's output bytes) read as a little-endian number, the private key a
 * little-endian scalar in an OCTET STRING inside PKCS#8's privateKey. (RFC 4491/9215 write the signature as s‖r
 * big-endian: the same bytes reversed.) The maths itself is the standard's: curves.ts, signature.ts.
 */
export type NcaGostKey = 'gost2015-512' | 'gost2015-256' | 'gost2004';

/** NCA's parameter-set OIDs and the curves they name. */
const CURVES: Record<string, GostCurve> = {
  '1.2.398.3.10.1.1.2.2.1': TC26_512_A,
  '1.2.398.3.10.1.1.2.1.1': TC26_256_A,
  '1.2.398.3.10.1.1.1.1.1': CRYPTOPRO_A,
};
const KEYS: Record<string, { kind: NcaGostKey; size: 32 | 64; digestOid: string }> = {
  [OID.gost2015Key512]: { kind: 'gost2015-512', size: 64, digestOid: OID.streebog512 },
  [OID.gost2015Key256]: { kind: 'gost2015-256', size: 32, digestOid: OID.streebog256 },
  [OID.gost2004Key]: { kind: 'gost2004', size: 32, digestOid: OID.gost34311 },
};

export class NcaKeyError extends Error {
  constructor(readonly problem: 'unknown-curve' | 'key-malformed' | 'key-algorithm-unsupported') {
    super(`GOST key: ${problem}`);
    this.name = 'NcaKeyError';
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

/** Which GOST key an algorithm OID names, or null for none of NCA's. */
export const ncaKeyKind = (keyOid: string): NcaGostKey | null => KEYS[keyOid]?.kind ?? null;

/** The parameter-set OID NCA writes for a curve. */
export const ncaParametersOid = (curve: GostCurve): string => Object.entries(CURVES).find(([, c]) => c === curve)![0];

/** The curve a key's AlgorithmIdentifier names: its OID and parameters SEQUENCE { parameter set, digest [, cipher] }. */
export function ncaCurveOf(keyOid: string, parameters: Node | undefined): GostCurve {
  const key = KEYS[keyOid];
  if (!key) throw new NcaKeyError('key-algorithm-unsupported');
  const curve = CURVES[oidOf(children(parameters)[0])];
  if (!curve) throw new NcaKeyError('unknown-curve');
  if (curve.size !== key.size) throw new NcaKeyError('key-malformed');
  return curve;
}

/** A public key as NCA writes it (x‖y little-endian), on its curve. */
export function ncaPublicKey(curve: GostCurve, bytes: Uint8Array): GostPoint {
  if (bytes.length !== 2 * curve.size) throw new GostKeyError('wrong-length');
  return curvePoint(curve, littleEndian(bytes.subarray(0, curve.size)), littleEndian(bytes.subarray(curve.size)));
}

export function ncaPublicKeyBytes(curve: GostCurve, point: GostPoint): Buffer {
  const { x, y } = point.toAffine();
  return Buffer.concat([toLittleEndian(x, curve.size), toLittleEndian(y, curve.size)]);
}

/** The public key (x‖y) of a private scalar as NCA stores it (little-endian). */
export function ncaPublicKeyOf(curve: GostCurve, scalar: Uint8Array): Buffer {
  if (scalar.length !== curve.size) throw new GostKeyError('wrong-length');
  return ncaPublicKeyBytes(curve, publicPoint(curve, littleEndian(scalar)));
}

/** Signs a digest (the hash's output bytes) with a scalar (little-endian): r‖s, each little-endian. */
export function ncaSign(curve: GostCurve, scalar: Uint8Array, digest: Uint8Array, fixedK?: bigint): Buffer {
  if (scalar.length !== curve.size) throw new GostKeyError('wrong-length');
  const { r, s } = sign(curve, littleEndian(scalar), littleEndian(digest), fixedK);
  return Buffer.concat([toLittleEndian(r, curve.size), toLittleEndian(s, curve.size)]);
}

/**
 * Keys seen again and again (a CA's, a head's) are kept with a 4-bit window table of their multiples: building it
 * costs about two plain verifications, after which each verification is three times faster. A key seen once is
 * not worth the table.
 */
const keyPoints = new WeakMap<GostCurve, Map<string, { point: GostPoint; uses: number }>>();
const KEY_POINTS = 64;

function verifyingPoint(curve: GostCurve, publicKey: Uint8Array): GostPoint {
  // By the curve itself: a point belongs to its curve's own Point class.
  let points = keyPoints.get(curve);
  if (!points) keyPoints.set(curve, (points = new Map()));
  const id = Buffer.from(publicKey).toString('hex');
  const known = points.get(id);
  if (known) {
    if (++known.uses === 2) known.point.precompute(4);
    return known.point;
  }
  const point = ncaPublicKey(curve, publicKey);
  if (points.size >= KEY_POINTS) points.delete(points.keys().next().value!);
  points.set(id, { point, uses: 1 });
  return point;
}

/** Verifies r‖s over a digest under a public key x‖y, all in NCA's byte order; a key off the curve verifies nothing. */
export function ncaVerify(curve: GostCurve, publicKey: Uint8Array, digest: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 2 * curve.size) return false;
  let point: GostPoint;
  try {
    point = verifyingPoint(curve, publicKey);
  } catch {
    return false;
  }
  return verify(curve, point, littleEndian(digest), littleEndian(signature.subarray(0, curve.size)), littleEndian(signature.subarray(curve.size)));
}

/** A SubjectPublicKeyInfo of a GOST 2015 key, as NCA writes it (the demo NCA's certificates). */
export function ncaSpki(keyOid: string, curve: GostCurve, point: Buffer): Buffer {
  const parameters = seq([oid(ncaParametersOid(curve)), oid(KEYS[keyOid]!.digestOid)]);
  return toDerBuffer(seq([seq([oid(keyOid), parameters]), bitString(toDerBuffer(octets(point)))]));
}

/** The public key of a GOST SubjectPublicKeyInfo: its curve and point, checked. */
export function readNcaSpki(keyOid: string, parameters: Node | undefined, keyBits: Buffer): { curve: GostCurve; point: Buffer } {
  const curve = ncaCurveOf(keyOid, parameters);
  try {
    const point = bytesOf(parseDerExact(keyBits));
    ncaPublicKey(curve, point);
    return { curve, point };
  } catch {
    throw new NcaKeyError('key-malformed');
  }
}

/** The scalar (little-endian) of PKCS#8's privateKey: NCA's OCTET STRING of it, or an INTEGER (big-endian) as others write. */
export function ncaScalar(curve: GostCurve, privateKey: Node | undefined): Buffer {
  const inner = parseDerExact(bytesOf(privateKey));
  const bytes = bytesOf(inner);
  const le = inner.type === 2 ? Buffer.from(bytes).reverse() : bytes;
  if (le.subarray(curve.size).some((b) => b !== 0)) throw new NcaKeyError('key-malformed');
  const scalar = Buffer.alloc(curve.size);
  le.subarray(0, curve.size).copy(scalar);
  return scalar;
}

/** A GOST 2015 key's PrivateKeyInfo as NCA's key files hold it (the demo NCA's key files). */
export function ncaPrivateKeyInfo(keyOid: string, curve: GostCurve, scalar: Buffer): Node {
  return seq([int(0), seq([oid(keyOid), seq([oid(ncaParametersOid(curve)), oid(KEYS[keyOid]!.digestOid)])]), octets(toDerBuffer(octets(scalar)))]);
}
