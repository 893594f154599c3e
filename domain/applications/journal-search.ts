/**
 * What the journal's search box means, decided once: digits are the start of an IIN/BIN, an office code
 * with a dash is the start of a journal number, anything else is words of the applicant's name (each
 * word's beginning). Each reading has an index behind it; nothing is searched as a substring anywhere.
 */
export type JournalSearch = { kind: 'idn'; prefix: string } | { kind: 'journal-number'; prefix: string } | { kind: 'name'; words: string[] };

/** Legal-form words nearly every name has: searching by them alone would list the whole journal. */
const LEGAL_FORMS = new Set(['тоо', 'жшс', 'ао', 'ақ', 'ип', 'жк', 'кх', 'шқ', 'пк', 'өк', 'гу', 'мм', 'кгу', 'кмм', 'ргп', 'ркк', 'ргу', 'рмм', 'too', 'llp', 'jsc']);
const MAX_WORDS = 6;

export function parseJournalSearch(text: string): JournalSearch | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (/^\d{1,12}$/.test(trimmed)) return { kind: 'idn', prefix: trimmed };
  if (/^[A-Za-z]{2,8}-[0-9A-Za-z-]*$/.test(trimmed)) return { kind: 'journal-number', prefix: trimmed.toUpperCase() };
  const words = trimmed
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  const telling = words.filter((w) => !LEGAL_FORMS.has(w));
  const chosen = (telling.length > 0 ? telling : words).slice(0, MAX_WORDS);
  return chosen.length > 0 ? { kind: 'name', words: chosen } : null;
}

/** The name words as an FTS5 query: every word, each as a prefix (only letters and digits reach here). */
export function nameMatchQuery(words: readonly string[]): string {
  return words.map((w) => `"${w}"*`).join(' ');
}
