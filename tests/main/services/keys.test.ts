import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../../domain/api/errors';
import { inspectKeyFile } from '../../../main/services/keys';
import { createTestPki, TEST_KEY_PASSWORD } from '../../support/pki';

const signer = createTestPki().signer();

test('a key file is read to show whose key it is, without signing anything', () => {
  const [certificate] = inspectKeyFile(signer.p12, TEST_KEY_PASSWORD);
  assert.equal(certificate?.purpose, 'signing');
  assert.equal(certificate?.bin?.length, 12);
});

test('a wrong password while only looking at the key says the key did not open, not that signing was refused', () => {
  assert.throws(
    () => inspectKeyFile(signer.p12, 'not-the-password'),
    (error: unknown) => error instanceof AppError && error.code === 'key-unreadable' && error.reason === 'key-wrong-password',
  );
  assert.throws(
    () => inspectKeyFile(Buffer.from('not a key file'), TEST_KEY_PASSWORD),
    (error: unknown) => error instanceof AppError && error.code === 'key-unreadable' && error.reason === 'key-corrupt',
  );
});
