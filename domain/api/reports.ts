import { z } from 'zod';
import { call, IsoDate } from './call';

/** The longest period one journal report covers: a year, as the office files its paper journal. */
export const REPORT_MAX_DAYS = 366;
/** The most rows one report holds; a longer list is split by period. */
export const REPORT_MAX_ROWS = 50_000;

/** Reports the office keeps or hands up: the registration journal for a period, as a spreadsheet or CSV. */
export const reportCalls = {
  'reports.journal': call({
    args: z
      .object({ from: IsoDate, to: IsoDate, format: z.enum(['xlsx', 'csv']) })
      .strict()
      .refine((a) => a.from <= a.to, { message: 'from-after-to' })
      .refine((a) => Date.parse(a.to) - Date.parse(a.from) <= (REPORT_MAX_DAYS - 1) * 86_400_000, { message: 'period-too-long' }),
    result: z.object({ fileName: z.string(), contentBase64: z.string(), rows: z.number().int().nonnegative() }),
    access: ['clerk', 'head', 'admin'],
  }),
} as const;
