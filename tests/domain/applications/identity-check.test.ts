import assert from 'node:assert/strict';
import { test } from 'node:test';
import { differencesIn, identityBlocksSigning } from '../../../domain/applications/identity-check';

test('a difference is in what the clerk entered: case, quotes and spacing are not; a field left empty says nothing', () => {
  const found = { name: 'ТОО «Карагандинский Цветной Металлолом»', address: 'Қарағанды қ., Бұқар жырау даңғ., 45', head: 'Нұрланов Д. А.' };
  assert.deepEqual(differencesIn({ name: 'тоо  карагандинский цветной металлолом', address: 'Қарағанды қ., Бұқар жырау даңғ., 54', head: null }, found, ['name', 'address', 'head']), [
    { field: 'address', entered: 'Қарағанды қ., Бұқар жырау даңғ., 54', found: 'Қарағанды қ., Бұқар жырау даңғ., 45' },
  ]);
});

test('no decision while a check waits or differs; over a rejection a refusal only', () => {
  const check = (state: 'pending' | 'confirmed' | 'differs' | 'resolved' | 'rejected') => [{ subject: 'applicant' as const, state }];
  assert.equal(identityBlocksSigning([], 'licence'), null);
  assert.equal(identityBlocksSigning(check('pending'), 'refusal'), 'identity-not-verified');
  assert.equal(identityBlocksSigning(check('differs'), 'refusal'), 'identity-differences-unresolved');
  assert.equal(identityBlocksSigning(check('rejected'), 'licence'), 'identity-rejected');
  assert.equal(identityBlocksSigning(check('rejected'), 'refusal'), null);
  assert.equal(identityBlocksSigning([...check('resolved'), { subject: 'poa', state: 'confirmed' }], 'licence'), null);
});
