import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findIdentifiers } from '../../../domain/ids/find-identifiers';
import { completeIdn } from '../../../domain/ids/iin-bin';

const BIN = completeIdn('04034000462')!;

test('checksum-valid IINs/BINs are found once each, in order', () => {
  const other = completeIdn('98041230000')!;
  assert.deepEqual(findIdentifiers(`БСН ${BIN}; ЖСН: ${other}. Қайта: ${BIN}`), [BIN, other]);
});

test('digits OCR read as Latin or Cyrillic look-alike letters are normalised', () => {
  // Cyrillic О for 0, З for 3, Ч for 4
  const garbled = BIN.replace('0', 'О').replace('3', 'З').replace('4', 'Ч');
  assert.deepEqual(findIdentifiers(`БИН ${garbled}`), [BIN]);
  assert.deepEqual(findIdentifiers(`БИН:${BIN.replace('0', 'o')},`), [BIN]);
});

test('a number that fails the checksum, is not 12 digits long, or is mostly letters is not an identifier', () => {
  const wrongCheck = BIN.slice(0, 11) + String((Number(BIN[11]) + 1) % 10);
  assert.deepEqual(findIdentifiers(`${wrongCheck} ${BIN}0 ${BIN.slice(1)} tel. 8 727 250 00 00`), []);
  assert.deepEqual(findIdentifiers('lOOOlOOOlOOO ZOSOlOSOOSOB'), [], 'words of look-alike letters are not numbers');
});

test('letters glued to either end of the number are trimmed, other letters are kept apart', () => {
  assert.deepEqual(findIdentifiers(`B${BIN}S`), [BIN]);
  assert.deepEqual(findIdentifiers(`БСН${BIN}ЖШС`), [BIN]);
});
