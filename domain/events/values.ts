import { z } from 'zod';
import { isValidIdn } from '../ids/iin-bin';
import { Line, Paragraph, textProblem } from '../api/text';
import { Code } from '../catalogue/catalogue';
import { parseOfficeNumber } from '../sync/office-numbers';

/**
 * The values an event carries to the registry, held to the rules the desk's API holds what people type
 * to: the desk writes its events through these schemas and the registry reads its pushes through the
 * same ones, so a value one side would refuse never reaches the other (nor its SQL).
 */

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** The largest file (a document, a signed decision) the office keeps and the registry stores. */
export const MAX_STORED_FILE_BYTES = 64 * 1024 * 1024;

/** The years the offices work in: licence numbers carry two digits of the year, so 2000–2099. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;
const inEra = (value: string) => {
  const year = Number(value.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
};

/** A moment with its offset, within the era (never 0000 or 9999, which break working-time sums and SQL alike). */
export const Instant = z.iso.datetime({ offset: true }).refine(inEra, { message: 'date-out-of-range' });
/** A calendar day, within the era. */
export const Day = z.iso.date().refine(inEra, { message: 'date-out-of-range' });

/** An IIN or BIN, with its check digit. */
export const Idn = z.string().refine(isValidIdn, { message: 'idn' });

/** A person's or organisation's name, a place; a note. */
export const Name = (max: number) => Line(max);
export const Note = (max: number, min = 0) => Paragraph(max, min);

/** A document's file name as shown to others: a name, never a path. */
export const DocumentFileName = Line(255).refine((name) => !/[/\\]/.test(name) && name !== '.' && name !== '..', { message: 'file-name-is-a-path' });

/** A code of the catalogue (a service, a document slot, a checklist item). */
export { Code };

/** Highest number in any of the office's sequences: eight digits (and a 32-bit integer wherever it is counted). */
export const MAX_OFFICE_SEQ = 99_999_999;

/** An office number of the given series (ALM-2026-00001, ALM-2026-R00001), its year in the era. */
export const OfficeNumber = (series: 'journal' | 'refusal') =>
  z.string().max(40).refine(
    (value) => {
      const parsed = parseOfficeNumber(value);
      return parsed !== null && parsed.series === series && parsed.seq <= MAX_OFFICE_SEQ && inEra(parsed.year);
    },
    { message: `${series}-number` },
  );

/** Warnings a signing raised, as the desk recorded them. */
export const Warnings = z.array(Line(500)).max(50);

/**
 * Free-form facts kept as they were entered (the applicant's record as the state database gave it):
 * any JSON, but every string in it held to the line rules, and not too deep or too large to store.
 */
const MAX_DEPTH = 6;
const MAX_STRINGS = 500;
export const Facts = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  let strings = 0;
  const walk = (node: unknown, depth: number): string | null => {
    if (depth > MAX_DEPTH) return 'facts-too-deep';
    if (typeof node === 'string') {
      strings++;
      if (node.length > 4000) return 'text-too-long';
      return textProblem(node, { multiline: true });
    }
    if (node === null || typeof node === 'number' || typeof node === 'boolean') return null;
    const children = Array.isArray(node) ? node : Object.entries(node as Record<string, unknown>).flat();
    for (const child of children) {
      const problem = walk(child, depth + 1);
      if (problem) return problem;
    }
    return strings > MAX_STRINGS ? 'facts-too-large' : null;
  };
  const problem = walk(value, 0);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
