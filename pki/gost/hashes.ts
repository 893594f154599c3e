import gost from '@wavesenterprise/crypto-gost-js';

/**
 * The GOST hash functions: Streebog (GOST R 34.11-2012, in Kazakhstan ST RK GOST R 34.11-2015; RFC 6986) and
 * GOST R 34.11-94 (GOST 34.311-95 in Kazakhstan) with either S-box set.
 *
 * From @wavesenterprise/crypto-gost-js (Rudolf Nickolaev's gostcrypto, kept by Waves Enterprise), chosen by known
 * answers and speed: it gives RFC 6986's and GOST R 34.11-94's published values (tests/pki/gost/hashes.test.ts)
 * and hashes Streebog-512 at ~13 MB/s on these machines; @li0ard/streebog, the other Streebog on npm, gives the
 * same values at 0.5 MB/s (it copies the whole message on every update) and cannot be loaded by plain Node (its
 * ESM imports have no file extensions). The package's own bundle is used: its sources assume a bundler.
 *
 * Every value is the hash's own output order — what rhash and BouncyCastle (and so NCA's Kalkan) produce; RFC 6986
 * prints the same values byte-reversed, as numbers. NCA signs and writes `messageDigest` in this order.
 */
const engine = gost.GostEngine;
const streebog512Digest = engine.getGostDigest({ name: 'GOST R 34.11', version: 2012, length: 512 });
const streebog256Digest = engine.getGostDigest({ name: 'GOST R 34.11', version: 2012, length: 256 });
const gost94Test = engine.getGostDigest({ name: 'GOST R 34.11', version: 1994, sBox: 'D-TEST' });
const gost94CryptoPro = engine.getGostDigest({ name: 'GOST R 34.11', version: 1994, sBox: 'D-A' });

export const streebog512 = (bytes: Uint8Array): Buffer => Buffer.from(streebog512Digest.digest(bytes));
export const streebog256 = (bytes: Uint8Array): Buffer => Buffer.from(streebog256Digest.digest(bytes));

/** GOST R 34.11-94 with the standard's test S-boxes: what NCA's GOST 34.311-95 is. */
export const gost94 = (bytes: Uint8Array): Buffer => Buffer.from(gost94Test.digest(bytes));
/** GOST R 34.11-94 with CryptoPro's S-boxes (RFC 4357), as Russian GOST R 34.10-2001 certificates use it. */
export const gost94CryptoProSbox = (bytes: Uint8Array): Buffer => Buffer.from(gost94CryptoPro.digest(bytes));
