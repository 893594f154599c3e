import assert from 'node:assert/strict';
import { test } from 'node:test';
import { binEntityTypeHint, completeIdn, idnCheckDigit, idnProblem, isValidIdn } from '../../../domain/ids/iin-bin';

const firstSum = (first11: string) => [...first11].reduce((sum, d, i) => sum + Number(d) * (i + 1), 0) % 11;

test('valid IINs and BINs pass, including ones that need the second weight set', () => {
  for (const idn of ['150840001234', '091240004563', '850215300124', '781103500670', '000000000000', '123456789013']) {
    assert.equal(isValidIdn(idn), true, idn);
  }
  // 10000000020: the first weighted sum mod 11 is 10, so the second weights decide the check digit (5).
  assert.equal(firstSum('10000000020'), 10);
  assert.equal(isValidIdn('100000000205'), true);
  assert.equal(isValidIdn('100000000200'), false);
});

test('invalid numbers say what is wrong', () => {
  assert.equal(idnProblem(''), 'empty');
  assert.equal(idnProblem('15084000123a'), 'not-digits');
  assert.equal(idnProblem('1508400012'), 'wrong-length');
  assert.equal(idnProblem('1508400012345'), 'wrong-length');
  assert.equal(idnProblem('150840001235'), 'checksum');
  assert.equal(idnProblem('１５０８４０００１２３４'), 'not-digits');
});

test('a prefix whose check digit would be 10 under both weight sets has no valid number', () => {
  assert.equal(idnCheckDigit('88042140089'), null);
  assert.equal(completeIdn('88042140089'), null);
  for (let d = 0; d <= 9; d++) assert.equal(isValidIdn(`88042140089${d}`), false);
});

test('a single mistyped digit is caught, except where the changed number falls to the second weights', () => {
  const valid = '150840001234';
  for (let i = 0; i < 12; i++) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) === valid[i]) continue;
      const changed = valid.slice(0, i) + d + valid.slice(i + 1);
      // Weights 1..10 are non-zero mod 11 (a prime), so a change there always moves the first sum and only the
      // fallback can collide; weight 11 is 0 mod 11, so digit 11 is covered by the second weights alone.
      if (isValidIdn(changed)) assert.ok(i === 10 || firstSum(changed.slice(0, 11)) === 10, changed);
    }
  }
});

test('BIN digit 5 is only a hint of the entity type', () => {
  assert.equal(binEntityTypeHint('150840001234'), 'resident');
  assert.equal(binEntityTypeHint('150850001234'), 'non-resident');
  assert.equal(binEntityTypeHint('150860001234'), 'joint-entrepreneur');
  assert.equal(binEntityTypeHint('150810001234'), 'unknown');
});
