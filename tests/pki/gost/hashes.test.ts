import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { gost94, gost94CryptoProSbox, streebog256, streebog512 } from '../../../pki/gost/hashes';

const hex = (b: Buffer) => b.toString('hex');
const ascii = (text: string) => Buffer.from(text, 'latin1');
/** RFC 6986 writes messages as numbers: the bytes are its hex read backwards. */
const rfcMessage = (hexNumber: string) => Buffer.from(hexNumber, 'hex').reverse();
/** And digests as numbers too: the hash's output is its hex read backwards. */
const rfcDigest = (hexNumber: string) => hex(Buffer.from(hexNumber, 'hex').reverse());

const M1 = rfcMessage('323130393837363534333231303938373635343332313039383736353433323130393837363534333231303938373635343332313039383736353433323130');
const M2 = rfcMessage(
  'fbe2e5f0eee3c820fbeafaebef20fffbf0e1e0f0f520e0ed20e8ece0ebe5f0f2f120fff0eeec20f120faf2fee5e2202ce8f6f3ede220e8e6eee1e8f0f2d1202ce8f0f2e5e220e5d1',
);

test('Streebog-512 and -256 give RFC 6986 §10\'s digests of its two messages', () => {
  assert.equal(M1.toString('latin1'), '012345678901234567890123456789012345678901234567890123456789012');
  assert.equal(hex(streebog512(M1)), rfcDigest('486f64c1917879417fef082b3381a4e211c324f074654c38823a7b76f830ad00fa1fbae42b1285c0352f227524bc9ab16254288dd6863dccd5b9f54a1ad0541b'));
  assert.equal(hex(streebog256(M1)), rfcDigest('00557be5e584fd52a449b16b0251d05d27f94ab76cbaa6da890b59d8ef1e159d'));
  assert.equal(hex(streebog512(M2)), rfcDigest('28fbc9bada033b1460642bdcddb90c3fb3e56c497ccd0f62b8a2ad4935e85f037613966de4ee00531ae60f3b5a47f8dae06915d5f2f194996fcabf2622e6881e'));
  assert.equal(hex(streebog256(M2)), rfcDigest('508f7e553c06501d749a66fc28c6cac0b005746d97537fa85d9e40904efed29d'));
});

test('GOST R 34.11-94 gives the published digests under the test S-boxes (RFC 5831 §7.3) and CryptoPro\'s', () => {
  assert.equal(hex(gost94(ascii('This is message, length=32 bytes'))), 'b1c466d37519b82e8319819ff32595e047a28cb6f83eff1c6916a815a637fffa');
  assert.equal(hex(gost94(ascii('Suppose the original message has length = 50 bytes'))), '471aba57a60a770d3a76130635c1fbea4ef14de51f78b4ae57dd893b62f55208');
  assert.equal(hex(gost94(Buffer.alloc(0))), 'ce85b99cc46752fffee35cab9a7b0278abb4c2d2055cff685af4912c49490f8d');
  assert.equal(hex(gost94CryptoProSbox(Buffer.alloc(0))), '981e5f3ca30c841487830f84fb433e13ac1101569b9c13584ac483234cd656c0');
  assert.equal(hex(gost94CryptoProSbox(ascii('This is message, length=32 bytes'))), '2cefc2f7b7bdc514e18ea57fa74ff357e7fa17d652c75f69cb1be7893ede48eb');
  assert.equal(hex(gost94CryptoProSbox(ascii('Suppose the original message has length = 50 bytes'))), 'c3730c5cbccacf915ac292676f21e8bd4ef75331d9405e5f1a61dc3130a65011');
});

test('every hash agrees with rhash (an independent C implementation) at block edges and on random lengths', () => {
  const lengths = [0, 1, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1000, 4096, 100_003];
  for (let i = 0; i < 6; i++) lengths.push(1 + randomBytes(2).readUInt16BE() * 3);
  for (const length of lengths) {
    const input = randomBytes(length);
    const rhash = spawnSync('rhash', ['-p', '%x{gost12-512} %x{gost12-256} %x{gost94} %x{gost94-cryptopro}', '-'], { input });
    assert.equal(rhash.status, 0, rhash.stderr?.toString());
    const ours = [streebog512, streebog256, gost94, gost94CryptoProSbox].map((f) => hex(f(input))).join(' ');
    assert.equal(ours, rhash.stdout.toString().trim(), `${length} bytes`);
  }
});

test('a hash reads exactly the bytes of a view, not the whole buffer beneath it', () => {
  const whole = randomBytes(200);
  const view = whole.subarray(37, 150);
  assert.equal(hex(streebog512(view)), hex(streebog512(Buffer.from(view))));
  assert.equal(hex(gost94(view)), hex(gost94(Buffer.from(view))));
});
