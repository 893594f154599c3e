import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { startTestCore, type TestCore } from '../../support/core';
import { createTestPki, TEST_KEY_PASSWORD } from '../../support/pki';

let t: TestCore;
before(async () => {
  t = await startTestCore();
});
after(async () => {
  await t.close();
});

const b64 = (b: Buffer) => b.toString('base64');

test("NCA's single GOST 2015 key logs in the user its IIN names, and so does an RSA login key", async () => {
  for (const file of [t.pki.headKeyFile, t.pki.headRsaAuthKeyFile]) {
    const client = t.client();
    const { user } = await client['auth.loginWithKey']({ keyFileBase64: b64(readFileSync(file)), keyPassword: 'demo-key-password' });
    assert.equal(user.username, 'head');
    assert.equal((await client['auth.me']({})).username, 'head');
  }
});

test('an RSA signing key, the wrong password or an unknown CA does not log in', async () => {
  const login = (file: Buffer, keyPassword: string) => t.client()['auth.loginWithKey']({ keyFileBase64: b64(file), keyPassword });
  await assert.rejects(login(readFileSync(t.pki.headRsaKeyFile), 'demo-key-password'), { code: 'bad-credentials', reason: 'not-an-authentication-key' });
  await assert.rejects(login(readFileSync(t.pki.headKeyFile), 'wrong'), { code: 'bad-credentials', reason: 'key-wrong-password' });
  const stranger = createTestPki(new Date(), 'gost2015').signer({}, { purpose: 'both' });
  await assert.rejects(login(stranger.p12, TEST_KEY_PASSWORD), { code: 'bad-credentials', reason: 'untrusted-chain' });
});
