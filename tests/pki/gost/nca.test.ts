import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { octets, oid, parseDerExact, seq, toDerBuffer, unsignedInt } from '../../../pki/asn1/der';
import { OID } from '../../../pki/asn1/oids';
import { CRYPTOPRO_A, TC26_256_A, TC26_512_A } from '../../../pki/gost/curves';
import { NcaKeyError, ncaCurveOf, ncaPrivateKeyInfo, ncaPublicKey, ncaPublicKeyOf, ncaScalar, ncaSpki, readNcaSpki } from '../../../pki/gost/nca';

const parameters = (setOid: string, digestOid: string = OID.streebog512) => seq([oid(setOid), oid(digestOid)]);
const problem = (work: () => unknown) => {
  try {
    work();
    return 'none';
  } catch (error) {
    assert.ok(error instanceof NcaKeyError, String(error));
    return error.problem;
  }
};

test("NCA's OIDs name the curves: 2015/512 → TC26-512-A, 2015/256 → TC26-256-A, 2004 → CryptoPro-A; others are refused by name", () => {
  assert.equal(ncaCurveOf(OID.gost2015Key512, parameters('1.2.398.3.10.1.1.2.2.1')), TC26_512_A);
  assert.equal(ncaCurveOf(OID.gost2015Key256, parameters('1.2.398.3.10.1.1.2.1.1', OID.streebog256)), TC26_256_A);
  assert.equal(ncaCurveOf(OID.gost2004Key, parameters('1.2.398.3.10.1.1.1.1.1', OID.gost34311)), CRYPTOPRO_A);
  assert.equal(problem(() => ncaCurveOf(OID.gost2015Key512, parameters('1.2.398.3.10.1.1.2.2.9'))), 'unknown-curve');
  assert.equal(problem(() => ncaCurveOf(OID.gost2015Key512, parameters('1.2.398.3.10.1.1.2.1.1'))), 'key-malformed', 'a 256-bit curve under the 512-bit key OID');
  assert.equal(problem(() => ncaCurveOf('1.2.643.7.1.1.1.2', parameters('1.2.398.3.10.1.1.2.2.1'))), 'key-algorithm-unsupported');
});

test('a key written as NCA writes it reads back: the SubjectPublicKeyInfo and the PKCS#8 scalar (an INTEGER, big-endian, too)', () => {
  const scalar = randomBytes(64);
  scalar[63] = 0x2a;
  const point = ncaPublicKeyOf(TC26_512_A, scalar);
  const spki = parseDerExact(ncaSpki(OID.gost2015Key512, TC26_512_A, point));
  const [algorithm, key] = spki.value as ReturnType<typeof parseDerExact>[];
  const read = readNcaSpki(OID.gost2015Key512, (algorithm!.value as ReturnType<typeof parseDerExact>[])[1], Buffer.from(key!.value as string, 'binary').subarray(1));
  assert.deepEqual([read.curve, read.point], [TC26_512_A, point]);
  assert.ok(ncaPublicKey(TC26_512_A, point));
  const info = ncaPrivateKeyInfo(OID.gost2015Key512, TC26_512_A, scalar);
  assert.deepEqual(ncaScalar(TC26_512_A, (info.value as ReturnType<typeof parseDerExact>[])[2]), scalar);
  const asInteger = octets(toDerBuffer(unsignedInt(Buffer.from(scalar).reverse())));
  assert.deepEqual(ncaScalar(TC26_512_A, asInteger), scalar);
  assert.equal(problem(() => ncaScalar(TC26_512_A, octets(toDerBuffer(octets(Buffer.concat([scalar, Buffer.from([1])])))))), 'key-malformed');
});
