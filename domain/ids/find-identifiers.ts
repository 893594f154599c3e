import { isValidIdn } from './iin-bin';

/**
 * IINs and BINs in recognised text. OCR confuses digits with letters of both alphabets (О/O for 0,
 * І/l for 1, З for 3, В/B for 8 …), so a run of digits and such look-alikes is read as digits; a run
 * counts only when it is exactly 12 long (after dropping letters glued to its ends), holds mostly real digits,
 * and passes the IIN/BIN checksum — a random 12-digit number passes it one time in eleven at most.
 */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  O: '0', o: '0', О: '0', о: '0', D: '0', Q: '0',
  I: '1', l: '1', '|': '1', І: '1', і: '1', i: '1', '!': '1',
  Z: '2', z: '2',
  З: '3', з: '3',
  Ч: '4', ч: '4', A: '4',
  S: '5', s: '5',
  б: '6', G: '6',
  T: '7', Т: '7',
  B: '8', В: '8',
  g: '9', q: '9',
};

/** Fewer real digits than this in a 12-character run means it is a word, not a number. */
const MIN_REAL_DIGITS = 9;

const isDigit = (c: string) => c >= '0' && c <= '9';
const inRun = (c: string) => isDigit(c) || c in LOOK_ALIKES;

function runsOf(text: string): string[] {
  const runs: string[] = [];
  let current = '';
  for (const c of text) {
    if (inRun(c)) {
      current += c;
    } else {
      if (current) runs.push(current);
      current = '';
    }
  }
  if (current) runs.push(current);
  return runs;
}

/** Letters glued to a number ("B040…", "…624S") are dropped from the ends, but only while the run is too long. */
function trimLetters(run: string): string[] {
  const chars = [...run];
  while (chars.length > 12 && !isDigit(chars[0]!)) chars.shift();
  while (chars.length > 12 && !isDigit(chars[chars.length - 1]!)) chars.pop();
  return chars;
}

/** The distinct checksum-valid identifiers in the text, in order of first appearance. */
export function findIdentifiers(text: string): string[] {
  const found: string[] = [];
  for (const run of runsOf(text.normalize('NFC'))) {
    const chars = trimLetters(run);
    if (chars.length !== 12 || chars.filter(isDigit).length < MIN_REAL_DIGITS) continue;
    const digits = chars.map((c) => (isDigit(c) ? c : LOOK_ALIKES[c]!)).join('');
    if (isValidIdn(digits) && !found.includes(digits)) found.push(digits);
  }
  return found;
}
