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

test('the authentication key logs in the user its IIN names', async () => {
  const client = t.client();
  const { user } = await client['auth.loginWithKey']({ keyFileBase64: b64(readFileSync(t.pki.headAuthKeyFile)), keyPassword: 'demo-key-password' });
  assert.equal(user.username, 'head');
  assert.equal((await client['auth.me']({})).username, 'head');
});

test('the wrong key, the wrong password or an unknown CA does not log in', async () => {
  const login = (file: Buffer, keyPassword: string) => t.client()['auth.loginWithKey']({ keyFileBase64: b64(file), keyPassword });
  await assert.rejects(login(readFileSync(t.pki.headKeyFile), 'demo-key-password'), { code: 'bad-credentials', reason: 'not-an-authentication-key' });
  await assert.rejects(login(readFileSync(t.pki.headAuthKeyFile), 'wrong'), { code: 'bad-credentials', reason: 'key-wrong-password' });
  const stranger = createTestPki().signer({}, { purpose: 'authentication' });
  await assert.rejects(login(stranger.p12, TEST_KEY_PASSWORD), { code: 'bad-credentials', reason: 'untrusted-chain' });
});
