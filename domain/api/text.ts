import { z } from 'zod';

/**
 * What people type, and nothing else. Every name and free-text field of the API goes through these
 * schemas: trimmed, normalised to NFC (so "é" typed two ways is one name), and refused when it carries
 * characters that hide or disguise what is shown — control characters (NUL, escapes), bidirectional
 * overrides and isolates (a name that reads differently from how it is stored), lone surrogates
 * (half a character), or nothing visible at all.
 */
export const TEXT_PROBLEMS = ['text-control-characters', 'text-direction-characters', 'text-broken-characters', 'text-invisible-only'] as const;
export type TextProblem = (typeof TEXT_PROBLEMS)[number];

/** C0 and C1 controls; multi-line text may keep tab, line feed and carriage return. */
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
const CONTROL_IN_PARAGRAPH = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/;
/** Embeddings, overrides, isolates and the invisible direction marks. */
const DIRECTION = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** A code unit of a surrogate pair without its other half. */
const LONE_SURROGATE = /\p{Cs}/u;
/** Characters that draw nothing: spaces, zero-width characters, fillers. */
const INVISIBLE = /[\s\u00AD\u034F\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200D\u2060-\u2064\u3164\uFEFF\uFFA0]/gu;

export function textProblem(value: string, options: { multiline: boolean }): TextProblem | null {
  if (LONE_SURROGATE.test(value)) return 'text-broken-characters';
  if ((options.multiline ? CONTROL_IN_PARAGRAPH : CONTROL_IN_LINE).test(value)) return 'text-control-characters';
  if (DIRECTION.test(value)) return 'text-direction-characters';
  if (value.length > 0 && value.replace(INVISIBLE, '') === '') return 'text-invisible-only';
  return null;
}

export function isTextProblem(message: string): message is TextProblem {
  return (TEXT_PROBLEMS as readonly string[]).includes(message);
}

function checked(options: { multiline: boolean }) {
  return z
    .string()
    .trim()
    .normalize('NFC')
    .superRefine((value, ctx) => {
      const problem = textProblem(value, options);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

/** One line: a name, a place, a file name, a search, an address. */
export const Line = (max: number, min = 1) => checked({ multiline: false }).pipe(z.string().min(min).max(max));

/** Free text that may run over several lines: a note, a reason. `min` 0 lets it be empty. */
export const Paragraph = (max: number, min = 1) => checked({ multiline: true }).pipe(z.string().min(min).max(max));
