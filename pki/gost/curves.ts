import { weierstrass, type WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';

/**
 * The elliptic curves of GOST R 34.10 keys, in short Weierstrass form, by their standard names. The arithmetic
 * is @noble/curves' generic Weierstrass implementation (audited; constant-time multiplication for secrets),
 * given the parameters of RFC 7836 and RFC 4357. Which OID names which curve is NCA's business: nca.ts.
 */
export interface GostCurve {
  name: string;
  /** Bytes of a coordinate, a scalar, r and s: 32 or 64. */
  size: 32 | 64;
  Point: WeierstrassPointCons<bigint>;
  /** The order q of the base point. */
  q: bigint;
}

export interface CurveNumbers {
  p: bigint;
  a: bigint;
  b: bigint;
  q: bigint;
  x: bigint;
  y: bigint;
  /** The cofactor, 1 unless given. */
  h?: bigint;
}

/** A curve given by its numbers (the standards' own test curves among them). */
export function gostCurve(name: string, size: 32 | 64, n: CurveNumbers): GostCurve {
  const Point = weierstrass({ p: n.p, a: n.a, b: n.b, n: n.q, h: n.h ?? 1n, Gx: n.x, Gy: n.y });
  return { name, size, Point, q: n.q };
}

/** id-tc26-gost-3410-12-512-paramSetA (RFC 7836 A.1). */
export const TC26_512_A = gostCurve('TC26-512-A', 64, {
  p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffdc7n,
  a: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffdc4n,
  b: 0x00e8c2505dedfc86ddc1bd0b2b6667f1da34b82574761cb0e879bd081cfd0b6265ee3cb090f30d27614cb4574010da90dd862ef9d4ebee4761503190785a71c760n,
  q: 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff27e69532f48d89116ff22b8d4e0560609b4b38abfad2b85dcacdb1411f10b275n,
  x: 3n,
  y: 0x7503cfe87a836ae3a61b8816e25450e6ce5e1c93acf1abc1778064fdcbefa921df1626be4fd036e93d75e6a50e3a41e98028fe5fc235f5b889a589cb5215f2a4n,
});

/** id-tc26-gost-3410-2012-256-paramSetA (RFC 7836 A.2, its Weierstrass form; cofactor 4). */
export const TC26_256_A = gostCurve('TC26-256-A', 32, {
  p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd97n,
  a: 0xc2173f1513981673af4892c23035a27ce25e2013bf95aa33b22c656f277e7335n,
  b: 0x295f9bae7428ed9ccc20e7c359a9d41a22fccd9108e17bf7ba9337a6f8ae9513n,
  q: 0x400000000000000000000000000000000fd8cddfc87b6635c115af556c360c67n,
  h: 4n,
  x: 0x91e38443a5e82c0d880923425712b2bb658b9196932e02c78b2582fe742daa28n,
  y: 0x32879423ab1a0375895786c4bb46e9565fde0b5344766740af268adb32322e5cn,
});

/** id-GostR3410-2001-CryptoPro-A-ParamSet (RFC 4357 §11.4). */
export const CRYPTOPRO_A = gostCurve('CryptoPro-A', 32, {
  p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd97n,
  a: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd94n,
  b: 0xa6n,
  q: 0xffffffffffffffffffffffffffffffff6c611070995ad10045841b09b761b893n,
  x: 1n,
  y: 0x8d91e471e0989cda27df505a453f2b7635294f2ddf23e3b122acc99c9e9f1e14n,
});
