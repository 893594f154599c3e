import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nameMatchQuery, parseJournalSearch } from '../../../domain/applications/journal-search';

test('digits are an IIN/BIN’s beginning, an office code with a dash a journal number’s, the rest words of a name', () => {
  assert.deepEqual(parseJournalSearch(' 150840 '), { kind: 'idn', prefix: '150840' });
  assert.deepEqual(parseJournalSearch('krg-2026-0001'), { kind: 'journal-number', prefix: 'KRG-2026-0001' });
  assert.deepEqual(parseJournalSearch('ТОО «Қарағанды Металл»'), { kind: 'name', words: ['қарағанды', 'металл'] });
  assert.deepEqual(parseJournalSearch('ЖШС'), { kind: 'name', words: ['жшс'] }, 'only a legal form: searched as it is');
  assert.equal(parseJournalSearch('   '), null);
  assert.equal(parseJournalSearch('«»'), null);
  assert.equal(parseJournalSearch('1234567890123')?.kind, 'name', 'thirteen digits are no IIN/BIN');
});

test('the name query is every word as a prefix, quoted, and nothing FTS5 would read as syntax gets through', () => {
  assert.equal(nameMatchQuery(['қарағанды', 'металл']), '"қарағанды"* "металл"*');
  const parsed = parseJournalSearch('a" OR name:* NEAR(x');
  assert.ok(parsed?.kind === 'name');
  assert.ok(parsed.words.every((w) => /^[\p{L}\p{N}]+$/u.test(w)));
});
