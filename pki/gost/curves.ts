import { weierstrass, type WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';

/**
 * The elliptic curves of Kazakh GOST keys, in short Weierstrass form. The arithmetic is @noble/curves' generic
 * Weierstrass implementation (audited; constant-time scalar multiplication for secrets), given the standard
 * parameters: NCA names them with its own OIDs, the curves are those of RFC 7836 and RFC 4357.
 */
export interface GostCurve {
  name: string;
  /** NCA's OID of the parameter set, as in a key's AlgorithmIdentifier. */
  parametersOid: string;
  /** Bytes of a coordinate, a scalar, r and s: 32 or 64. */
  size: 32 | 64;
  Point: WeierstrassPointCons<bigint>;
  /** The order q of the base point. */
  q: bigint;
}

function curve(name: string, parametersOid: string, size: 32 | 64, p: { p: bigint; a: bigint; b: bigint; q: bigint; h: bigint; x: bigint; y: bigint }): GostCurve {
  const Point = weierstrass({ p: p.p, a: p.a, b: p.b, n: p.q, h: p.h, Gx: p.x, Gy: p.y });
  return { name, parametersOid, size, Point, q: p.q };
}

/** id-tc26-gost-3410-12-512-paramSetA (RFC 7836 A.1): NCA's GOST R 34.10-2015 512-bit keys, 1.2.398.3.10.1.1.2.2.1. */
export const TC26_512_A = curve('TC26-512-A', '1.2.398.3.10.1.1.2.2.1', 64, {
  p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffdc7n,
  a: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffdc4n,
  b: 0x00e8c2505dedfc86ddc1bd0b2b6667f1da34b82574761cb0e879bd081cfd0b6265ee3cb090f30d27614cb4574010da90dd862ef9d4ebee4761503190785a71c760n,
  q: 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff27e69532f48d89116ff22b8d4e0560609b4b38abfad2b85dcacdb1411f10b275n,
  h: 1n,
  x: 3n,
  y: 0x7503cfe87a836ae3a61b8816e25450e6ce5e1c93acf1abc1778064fdcbefa921df1626be4fd036e93d75e6a50e3a41e98028fe5fc235f5b889a589cb5215f2a4n,
});

/** id-tc26-gost-3410-2012-256-paramSetA (RFC 7836 A.2, its Weierstrass form; cofactor 4): NCA's 256-bit GOST 2015 keys, 1.2.398.3.10.1.1.2.1.1. */
export const TC26_256_A = curve('TC26-256-A', '1.2.398.3.10.1.1.2.1.1', 32, {
  p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd97n,
  a: 0xc2173f1513981673af4892c23035a27ce25e2013bf95aa33b22c656f277e7335n,
  b: 0x295f9bae7428ed9ccc20e7c359a9d41a22fccd9108e17bf7ba9337a6f8ae9513n,
  q: 0x400000000000000000000000000000000fd8cddfc87b6635c115af556c360c67n,
  h: 4n,
  x: 0x91e38443a5e82c0d880923425712b2bb658b9196932e02c78b2582fe742daa28n,
  y: 0x32879423ab1a0375895786c4bb46e9565fde0b5344766740af268adb32322e5cn,
});

/** id-GostR3410-2001-CryptoPro-A-ParamSet (RFC 4357 §11.4): NCA's GOST 34.310-2004 keys, 1.2.398.3.10.1.1.1.1.1. */
export const CRYPTOPRO_A = curve('CryptoPro-A', '1.2.398.3.10.1.1.1.1.1', 32, {
  p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd97n,
  a: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd94n,
  b: 0xa6n,
  q: 0xffffffffffffffffffffffffffffffff6c611070995ad10045841b09b761b893n,
  h: 1n,
  x: 1n,
  y: 0x8d91e471e0989cda27df505a453f2b7635294f2ddf23e3b122acc99c9e9f1e14n,
});

const BY_PARAMETERS = new Map([TC26_512_A, TC26_256_A, CRYPTOPRO_A].map((c) => [c.parametersOid, c]));

/** The curve NCA's parameter OID names, or null for one this office does not know. */
export function curveByParameters(oid: string): GostCurve | null {
  return BY_PARAMETERS.get(oid) ?? null;
}

/** A curve given by its numbers (tests use the standard's own test curves). */
export function customCurve(name: string, size: 32 | 64, p: { p: bigint; a: bigint; b: bigint; q: bigint; x: bigint; y: bigint }): GostCurve {
  return curve(name, '', size, { ...p, h: 1n });
}
