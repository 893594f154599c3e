/**
 * IIN (individuals) and BIN (legal entities) are 12 digits with a check digit.
 * Checksum rule: weights 1..11 mod 11; if 10, weights 3..11,1,2 mod 11; if still 10 the number is invalid.
 * Digits 1–6 / 5 are only hints (since 2013 the link to birth date is not guaranteed), so the kind of
 * an identifier is never inferred here: the caller says whether it expects an IIN or a BIN.
 */
export type IdnProblem = 'empty' | 'not-digits' | 'wrong-length' | 'checksum';

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

function weightedMod11(digits: number[], weights: number[]): number {
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += digits[i]! * weights[i]!;
  return sum % 11;
}

/** The check digit for the first 11 digits, or null when no check digit exists (such numbers are invalid). */
export function idnCheckDigit(first11: string): number | null {
  const digits = [...first11].map(Number);
  let check = weightedMod11(digits, FIRST_WEIGHTS);
  if (check === 10) check = weightedMod11(digits, SECOND_WEIGHTS);
  return check === 10 ? null : check;
}

export function idnProblem(value: string): IdnProblem | null {
  if (value.length === 0) return 'empty';
  if (!/^\d+$/.test(value)) return 'not-digits';
  if (value.length !== 12) return 'wrong-length';
  const check = idnCheckDigit(value.slice(0, 11));
  return check !== null && check === Number(value[11]) ? null : 'checksum';
}

export function isValidIdn(value: string): boolean {
  return idnProblem(value) === null;
}

/** Completes 11 digits into a valid IIN/BIN, or null when that prefix has no valid check digit. */
export function completeIdn(first11: string): string | null {
  if (!/^\d{11}$/.test(first11)) return null;
  const check = idnCheckDigit(first11);
  return check === null ? null : first11 + String(check);
}

/** BIN digit 5 is the entity type (4 resident, 5 non-resident, 6 individual entrepreneur, joint form). */
export type BinEntityType = 'resident' | 'non-resident' | 'joint-entrepreneur' | 'unknown';

export function binEntityTypeHint(bin: string): BinEntityType {
  switch (bin[4]) {
    case '4': return 'resident';
    case '5': return 'non-resident';
    case '6': return 'joint-entrepreneur';
    default: return 'unknown';
  }
}
