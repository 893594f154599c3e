import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { bitStringBytes, bytesOf, children, parseDerExact, toDerBuffer } from '../../../pki/asn1/der';
import { CRYPTOPRO_A, TC26_256_A, TC26_512_A, gostCurve, type GostCurve } from '../../../pki/gost/curves';
import { gost94CryptoProSbox, streebog256, streebog512 } from '../../../pki/gost/hashes';
import { GostKeyError, publicPoint, sign, verify } from '../../../pki/gost/signature';
import { ncaPublicKey, ncaPublicKeyOf, ncaSign, ncaVerify, toLittleEndian } from '../../../pki/gost/nca';
import {
  RFC4491_CERTIFICATE, RFC4491_PRIVATE_KEY, RFC7091_EXAMPLE_256, RFC7091_EXAMPLE_512, RFC8133_BASE_MULTIPLES, RFC9215_CERTIFICATE_256A, RFC9215_CERTIFICATE_512_TEST,
} from '../../support/rfc-gost-vectors';

for (const [name, example] of [['256', RFC7091_EXAMPLE_256], ['512', RFC7091_EXAMPLE_512]] as const) {
  test(`RFC 7091's ${name}-bit example: the public key, and the signature made with its k, exactly — in numbers, and in NCA's bytes`, () => {
    const size = name === '256' ? 32 : 64;
    const curve = gostCurve(`rfc7091-${name}`, size, example.curve);
    const Q = publicPoint(curve, example.d);
    assert.deepEqual(Q.toAffine(), { x: example.qx, y: example.qy });
    assert.deepEqual(sign(curve, example.d, example.e, example.k), { r: example.r, s: example.s });
    assert.ok(verify(curve, Q, example.e, example.r, example.s));
    assert.equal(verify(curve, Q, example.e + 1n, example.r, example.s), false);
    // NCA's layout of the same: every number little-endian, r before s.
    const signature = ncaSign(curve, toLittleEndian(example.d, size), toLittleEndian(example.e, size), example.k);
    assert.deepEqual(signature, Buffer.concat([toLittleEndian(example.r, size), toLittleEndian(example.s, size)]));
    assert.ok(ncaVerify(curve, ncaPublicKeyOf(curve, toLittleEndian(example.d, size)), toLittleEndian(example.e, size), signature));
  });
}

const CURVES: Record<keyof typeof RFC8133_BASE_MULTIPLES, GostCurve> = { 'TC26-512-A': TC26_512_A, 'TC26-256-A': TC26_256_A, 'CryptoPro-A': CRYPTOPRO_A };
for (const [name, multiples] of Object.entries(RFC8133_BASE_MULTIPLES)) {
  test(`${name}: the base point's multiples of RFC 8133's appendix`, () => {
    const curve = CURVES[name as keyof typeof CURVES];
    for (const [k, x, y] of multiples) {
      const point = curve.Point.BASE.multiply(k).toAffine();
      assert.equal(point.x, x);
      assert.equal(point.y, y);
    }
  });
}

/** The TBS, public key and signature of a self-signed RFC certificate, its signature turned into NCA's layout. */
function selfSigned(der: Buffer) {
  const [tbs, , signature] = children(parseDerExact(der));
  const fields = children(tbs);
  const spki = fields[fields[0]!.tagClass === 128 ? 6 : 5];
  return {
    tbs: toDerBuffer(tbs!),
    publicKey: bytesOf(parseDerExact(bitStringBytes(children(spki)[1]))),
    // RFC 4491 and 9215 write s‖r big-endian: NCA's r‖s little-endian is the same bytes reversed.
    signature: Buffer.from(bitStringBytes(signature)).reverse(),
  };
}

test('CryptoPro-A: RFC 4491 §4.2\'s certificate verifies, and its private key gives its public key', () => {
  const { tbs, publicKey, signature } = selfSigned(RFC4491_CERTIFICATE);
  assert.ok(ncaVerify(CRYPTOPRO_A, publicKey, gost94CryptoProSbox(tbs), signature));
  assert.deepEqual(ncaPublicKeyOf(CRYPTOPRO_A, toLittleEndian(RFC4491_PRIVATE_KEY, 32)), publicKey);
  const changed = Buffer.from(tbs);
  changed[changed.length - 5]! ^= 1;
  assert.equal(ncaVerify(CRYPTOPRO_A, publicKey, gost94CryptoProSbox(changed), signature), false);
});

test('TC26-256-A with Streebog-256 and the 512-bit test curve with Streebog-512: RFC 9215\'s certificates verify', () => {
  const a = selfSigned(RFC9215_CERTIFICATE_256A);
  assert.ok(ncaVerify(TC26_256_A, a.publicKey, streebog256(a.tbs), a.signature));
  const b = selfSigned(RFC9215_CERTIFICATE_512_TEST);
  assert.ok(ncaVerify(gostCurve('rfc7091-512', 64, RFC7091_EXAMPLE_512.curve), b.publicKey, streebog512(b.tbs), b.signature));
  assert.equal(ncaVerify(TC26_256_A, a.publicKey, streebog256(b.tbs), a.signature), false);
});

test('a signature out of range, of the wrong length, or under a key off the curve is refused, not computed', () => {
  const d = randomBytes(64);
  d[63] = 0x3f; // below q
  const publicKey = ncaPublicKeyOf(TC26_512_A, d);
  const digest = streebog512(Buffer.from('licence'));
  const signature = ncaSign(TC26_512_A, d, digest);
  assert.ok(ncaVerify(TC26_512_A, publicKey, digest, signature));
  const q = toLittleEndian(TC26_512_A.q, 64);
  const zero = Buffer.alloc(64);
  assert.equal(ncaVerify(TC26_512_A, publicKey, digest, Buffer.concat([q, signature.subarray(64)])), false, 'r = q');
  assert.equal(ncaVerify(TC26_512_A, publicKey, digest, Buffer.concat([signature.subarray(0, 64), q])), false, 's = q');
  assert.equal(ncaVerify(TC26_512_A, publicKey, digest, Buffer.concat([zero, signature.subarray(64)])), false, 'r = 0');
  assert.equal(ncaVerify(TC26_512_A, publicKey, digest, Buffer.concat([signature.subarray(0, 64), zero])), false, 's = 0');
  assert.equal(ncaVerify(TC26_512_A, publicKey, digest, signature.subarray(1)), false, 'short');
  const offCurve = Buffer.from(publicKey);
  offCurve[0]! ^= 1;
  assert.equal(ncaVerify(TC26_512_A, offCurve, digest, signature), false);
  assert.throws(() => ncaPublicKey(TC26_512_A, offCurve), (e) => e instanceof GostKeyError && e.problem === 'point-not-on-curve');
  assert.throws(() => ncaSign(TC26_512_A, q, digest), (e) => e instanceof GostKeyError && e.problem === 'scalar-out-of-range');
  assert.throws(() => ncaSign(TC26_512_A, zero, digest), (e) => e instanceof GostKeyError && e.problem === 'scalar-out-of-range');
});

test('property: every signature made verifies, and any changed byte of the digest or the signature fails', () => {
  const key = randomBytes(64);
  key[63] = 0x1f;
  const publicKey = ncaPublicKeyOf(TC26_512_A, key);
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.nat(63), fc.nat(127), fc.integer({ min: 1, max: 255 }), (digest, digestByte, signatureByte, flip) => {
      const signature = ncaSign(TC26_512_A, key, digest);
      assert.ok(ncaVerify(TC26_512_A, publicKey, digest, signature));
      const otherDigest = Uint8Array.from(digest);
      otherDigest[digestByte]! ^= flip;
      assert.equal(ncaVerify(TC26_512_A, publicKey, otherDigest, signature), false);
      const otherSignature = Buffer.from(signature);
      otherSignature[signatureByte]! ^= flip;
      assert.equal(ncaVerify(TC26_512_A, publicKey, digest, otherSignature), false);
    }),
    { numRuns: 40 },
  );
});
