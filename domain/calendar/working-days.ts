import { z } from 'zod';

/**
 * Kazakhstan's working calendar as yearly data: the Government moves days off every year by decree,
 * and Kurban Ait moves with the lunar calendar, so nothing here is computed from rules alone.
 * `daysOff` are extra non-working weekdays (holidays and moved days off); `workingWeekends` are
 * Saturdays or Sundays made working days by decree.
 */
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const CalendarYear = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** Where the year comes from (the decree, the ministry's published calendar), for whoever checks it. */
    /** Where the year's days come from, for the administrator: plain text (as imported), or in both of the UI's languages. */
    source: z.union([z.string().max(2000), z.object({ kk: z.string().max(2000), ru: z.string().max(2000) }).strict()]).optional(),
    /** Drawn up by the law's rules before the year's decree was published: counted by, but flagged until replaced. */
    provisional: z.boolean().optional(),
    daysOff: z.array(IsoDate),
    workingWeekends: z.array(IsoDate),
  })
  .strict()
  .refine((y) => [...y.daysOff, ...y.workingWeekends].every((d) => d.startsWith(`${y.year}-`)), { message: 'every date must fall in the year' });
export type CalendarYear = z.infer<typeof CalendarYear>;

export class WorkingCalendar {
  private readonly daysOff = new Set<string>();
  private readonly workingWeekends = new Set<string>();
  private readonly byYear = new Map<number, CalendarYear>();

  constructor(years: readonly CalendarYear[]) {
    for (const year of years) this.byYear.set(year.year, year);
    for (const year of this.byYear.values()) {
      year.daysOff.forEach((d) => this.daysOff.add(d));
      year.workingWeekends.forEach((d) => this.workingWeekends.add(d));
    }
  }

  /** The years it knows, in order. */
  years(): CalendarYear[] {
    return [...this.byYear.values()].sort((a, b) => a.year - b.year);
  }

  /** This calendar with these years in place of its own (a year corrected by decree replaces it whole). */
  withYears(years: readonly CalendarYear[]): WorkingCalendar {
    return new WorkingCalendar([...this.byYear.values(), ...years]);
  }

  isWorkingDay(isoDate: string): boolean {
    if (this.workingWeekends.has(isoDate)) return true;
    if (this.daysOff.has(isoDate)) return false;
    const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  hasYear(year: number): boolean {
    return this.byYear.has(year);
  }

  /** The years from `fromDate` to `toDate` (ISO dates) this calendar does not have: days in them are counted Monday to Friday only. */
  missingYears(fromDate: string, toDate: string): number[] {
    const missing: number[] = [];
    for (let year = Number(fromDate.slice(0, 4)); year <= Number(toDate.slice(0, 4)); year++) if (!this.byYear.has(year)) missing.push(year);
    return missing;
  }

  /** The years among these that were drawn up before their decree (flagged until a decreed year replaces them). */
  provisionalYears(years: readonly number[]): number[] {
    return years.filter((y) => this.byYear.get(y)?.provisional === true);
  }

  /** The year's days that break the Monday–Friday rule: weekdays off (holidays, moved days off), or weekend days made working. */
  exceptions(year: number, kind: 'weekdays-off' | 'working-weekends'): string[] {
    const found: string[] = [];
    for (let date = `${year}-01-01`; date.startsWith(`${year}-`); date = nextDay(date)) {
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      const weekend = weekday === 0 || weekday === 6;
      if (kind === 'weekdays-off' ? !weekend && !this.isWorkingDay(date) : weekend && this.isWorkingDay(date)) found.push(date);
    }
    return found;
  }

  /** The date `count` working days after `isoDate` (the start day itself does not count). */
  addWorkingDays(isoDate: string, count: number): string {
    let date = isoDate;
    let left = count;
    while (left > 0) {
      date = nextDay(date);
      if (this.isWorkingDay(date)) left--;
    }
    return date;
  }
}

export function nextDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The instant a Kazakhstan calendar day begins (UTC+5 since 2024), or `plusDays` days later: a period's ends as instants. */
export function kazakhstanMidnight(isoDate: string, plusDays = 0): string {
  return new Date(Date.parse(`${isoDate}T00:00:00+05:00`) + plusDays * 86_400_000).toISOString();
}

/** The calendar date in Kazakhstan (UTC+5 since 2024) of an instant. */
export function kazakhstanDate(instant: Date): string {
  return new Date(instant.getTime() + 5 * 3600_000).toISOString().slice(0, 10);
}

/** A day as every paper and screen of the office writes it: дд.мм.гггг (data, digests and QR texts keep ISO). */
export function printedDay(isoDay: string): string {
  const [year, month, day] = isoDay.split('-');
  return year && month && day ? `${day}.${month}.${year}` : isoDay;
}
