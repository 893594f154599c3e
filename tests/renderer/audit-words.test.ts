import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OfficeEvent } from '../../domain/events/office-events';
import { ru } from '../../renderer/src/i18n/ru';
import { kk } from '../../renderer/src/i18n/kk';

/** The audit screen names every kind of entry the office writes in plain kk and ru: never a raw type code. */
test('every event type the office records has its name on the audit screen in Kazakh and Russian', () => {
  const types = OfficeEvent.options.map((o) => o.shape.type.value);
  for (const [language, words] of [['ru', ru], ['kk', kk]] as const) {
    const named = (words as unknown as { audit: { types: Record<string, string> } }).audit.types;
    assert.deepEqual(types.filter((type) => !named[type]), [], language);
  }
});
