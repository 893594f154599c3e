import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { interleaved, interleavedTray } from '../../../domain/capture/manual-duplex';

test('fronts and backs interleave; backs scanned from the turned-over stack come last first', () => {
  assert.deepEqual(interleaved(['1', '3', '5'], ['2', '4', '6'], false), ['1', '2', '3', '4', '5', '6']);
  assert.deepEqual(interleaved(['1', '3', '5'], ['6', '4', '2'], true), ['1', '2', '3', '4', '5', '6']);
  assert.deepEqual(interleavedTray(['1', '3', '6', '4'], true), ['1', '4', '3', '6']);
  assert.throws(() => interleaved(['1'], [], false), RangeError);
  assert.equal(interleavedTray(['1', '2', '3'], false), null, 'an odd tray cannot be split into fronts and backs');
  assert.equal(interleavedTray([], false), null);
});

test('interleaving keeps every page exactly once, fronts in their order at even places', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer(), { minLength: 2, maxLength: 60 }).filter((a) => a.length % 2 === 0), fc.boolean(), (pages, reversed) => {
      const result = interleavedTray(pages, reversed)!;
      assert.deepEqual([...result].sort((a, b) => a - b), [...pages].sort((a, b) => a - b));
      assert.deepEqual(result.filter((_, i) => i % 2 === 0), pages.slice(0, pages.length / 2));
      const backs = result.filter((_, i) => i % 2 === 1);
      assert.deepEqual(reversed ? backs.reverse() : backs, pages.slice(pages.length / 2));
    }),
  );
});
