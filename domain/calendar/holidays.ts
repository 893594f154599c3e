import { nextDay, type CalendarYear } from './working-days';

/**
 * The Law on holidays in the Republic of Kazakhstan, as rules: which dates are holidays in which years,
 * and which of them move the day off when they fall on a weekend. The desk never counts by these rules —
 * it counts by the yearly calendar an administrator imports (the decree moves further days) — but
 * `draftYear` draws a year up from them, so a year can be checked against the law and a next year
 * prepared before its decree is published.
 */
interface Holiday {
  /** MM-DD */
  date: string;
  name: string;
  /** First and last year the date is a holiday (inclusive); open when absent. */
  from?: number;
  until?: number;
  /** Orthodox Christmas and the first day of Kurban Ait are days off without being moved off a weekend. */
  movesOffWeekend: boolean;
}

const HOLIDAYS: readonly Holiday[] = [
  { date: '01-01', name: 'New Year', movesOffWeekend: true },
  { date: '01-02', name: 'New Year', movesOffWeekend: true },
  { date: '01-07', name: 'Orthodox Christmas', movesOffWeekend: false },
  { date: '03-08', name: "International Women's Day", movesOffWeekend: true },
  // The Constitution adopted by the referendum of 15 March 2026 made its date the holiday, from 2027.
  { date: '03-15', name: 'Constitution Day', from: 2027, movesOffWeekend: true },
  { date: '03-21', name: 'Nauryz', movesOffWeekend: true },
  { date: '03-22', name: 'Nauryz', movesOffWeekend: true },
  { date: '03-23', name: 'Nauryz', movesOffWeekend: true },
  { date: '05-01', name: 'Unity Day', movesOffWeekend: true },
  { date: '05-07', name: "Defender of the Fatherland Day", movesOffWeekend: true },
  { date: '05-09', name: 'Victory Day', movesOffWeekend: true },
  { date: '07-06', name: 'Capital Day', movesOffWeekend: true },
  // The 1995 Constitution's day; no longer a holiday from 2026 (the ministry's notice of March 2026).
  { date: '08-30', name: 'Constitution Day (1995)', until: 2025, movesOffWeekend: true },
  { date: '10-25', name: 'Republic Day', from: 2022, movesOffWeekend: true },
  { date: '12-16', name: 'Independence Day', movesOffWeekend: true },
];

function weekday(isoDate: string): number {
  return new Date(`${isoDate}T00:00:00Z`).getUTCDay();
}

const isWeekend = (isoDate: string) => weekday(isoDate) === 0 || weekday(isoDate) === 6;

/**
 * The year by the law alone: its holidays, each one on a weekend moving the day off to the next working
 * day (after the holidays around it), and the first day of Kurban Ait as the Spiritual Administration
 * announces it. The decree's own moves are not known here, so the result is marked provisional.
 */
export function draftYear(year: number, kurbanAit: string | null): CalendarYear {
  // The list above is the law as it stands since 2022 (Republic Day restored, 1 and 17 December dropped).
  if (year < 2022 || year > 2100) throw new RangeError(`the holiday rules here hold from 2022: ${year}`);
  if (kurbanAit && !kurbanAit.startsWith(`${year}-`)) throw new RangeError(`Kurban Ait ${kurbanAit} is not in ${year}`);
  const holidays = HOLIDAYS.filter((h) => (h.from ?? 0) <= year && year <= (h.until ?? 9999)).map((h) => ({ ...h, date: `${year}-${h.date}` }));
  if (kurbanAit) holidays.push({ date: kurbanAit, name: 'Kurban Ait', movesOffWeekend: false });
  const isHoliday = new Set(holidays.map((h) => h.date));
  const daysOff = new Set(holidays.filter((h) => !isWeekend(h.date)).map((h) => h.date));
  for (const holiday of [...holidays].sort((a, b) => a.date.localeCompare(b.date))) {
    if (!holiday.movesOffWeekend || !isWeekend(holiday.date)) continue;
    let moved = nextDay(holiday.date);
    while (isWeekend(moved) || isHoliday.has(moved) || daysOff.has(moved)) moved = nextDay(moved);
    daysOff.add(moved);
  }
  return {
    year,
    provisional: true,
    daysOff: [...daysOff].filter((d) => d.startsWith(`${year}-`)).sort(),
    workingWeekends: [],
  };
}
