import { z } from 'zod';
import { call, IsoDate } from './call';

/** The longest period one report covers: a year, as the office files its paper journal. */
export const REPORT_MAX_DAYS = 366;
/** The most rows one report holds; a longer list is split by period. */
export const REPORT_MAX_ROWS = 50_000;

/**
 * What the office keeps or hands up for a period: the registration journal, the licences and refusals
 * signed, the steps that overran (and whose they were), the survey's answers.
 */
export const REPORT_KINDS = ['journal', 'decisions', 'overdue', 'survey'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
/** A PDF that prints like the paper form, a spreadsheet, or CSV. */
export const REPORT_FORMATS = ['pdf', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const reportCalls = {
  'reports.get': call({
    args: z
      .object({ kind: z.enum(REPORT_KINDS), from: IsoDate, to: IsoDate, format: z.enum(REPORT_FORMATS) })
      .strict()
      .refine((a) => a.from <= a.to, { message: 'from-after-to' })
      .refine((a) => Date.parse(a.to) - Date.parse(a.from) <= (REPORT_MAX_DAYS - 1) * 86_400_000, { message: 'period-too-long' }),
    result: z.object({ fileName: z.string(), contentBase64: z.string(), rows: z.number().int().nonnegative() }),
    access: ['clerk', 'head', 'admin'],
  }),
} as const;
