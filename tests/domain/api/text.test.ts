import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Line, Paragraph, textProblem } from '../../../domain/api/text';

test('names with hidden or disguising characters are refused, each with its reason', () => {
  const line = (v: string) => textProblem(v, { multiline: false });
  assert.equal(line('Оспанова Әйгерім'), null);
  assert.equal(line('Ab\u0000cd'), 'text-control-characters');
  assert.equal(line('Ab\u001bcd'), 'text-control-characters');
  assert.equal(line('Ab\u0085cd'), 'text-control-characters');
  assert.equal(line('Ab\ncd'), 'text-control-characters');
  assert.equal(line('invoice\u202Efdp.exe'), 'text-direction-characters');
  assert.equal(line('\u2067name\u2069'), 'text-direction-characters');
  assert.equal(line('\u200f'), 'text-direction-characters');
  assert.equal(line('half \ud800 a character'), 'text-broken-characters');
  assert.equal(line('\udc00'), 'text-broken-characters');
  assert.equal(line('\u200b\u200c\u200d\u2060\ufeff'), 'text-invisible-only');
  assert.equal(line('emoji 😀 is whole'), null);
});

test('several lines are allowed in a paragraph, not in a line', () => {
  assert.equal(textProblem('first\nsecond\r\n\tthird', { multiline: true }), null);
  assert.equal(textProblem('first\nsecond', { multiline: false }), 'text-control-characters');
  assert.equal(textProblem('bell\u0007', { multiline: true }), 'text-control-characters');
});

test('text is trimmed and normalised to NFC before its length is checked', () => {
  assert.equal(Line(10).parse('  e\u0301  '), '\u00e9');
  assert.equal(Line(3).safeParse('  \u00e9\u00e9\u00e9 ').success, true);
  assert.equal(Line(1).safeParse('   ').success, false);
  assert.equal(Paragraph(10, 0).parse(''), '');
  const refused = Line(10).safeParse('a\u202eb');
  assert.equal(refused.success, false);
  assert.equal(!refused.success && refused.error.issues[0]!.message, 'text-direction-characters');
});
