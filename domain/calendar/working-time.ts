import { z } from 'zod';
import { nextDay, type WorkingCalendar } from './working-days';

/**
 * Working time: the calendar's working days, within the authority's office hours, less the lunch break.
 * Every clock time here is Kazakhstan's (UTC+5 across the country since 1 March 2024).
 */
const KZ_OFFSET_MS = 5 * 3600_000;

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const OfficeHours = z
  .object({ opens: ClockTime, closes: ClockTime, lunchFrom: ClockTime, lunchTo: ClockTime })
  .strict()
  .refine((h) => minutesOf(h.opens) < minutesOf(h.lunchFrom) && minutesOf(h.lunchFrom) < minutesOf(h.lunchTo) && minutesOf(h.lunchTo) < minutesOf(h.closes), {
    message: 'office hours must run opens < lunch from < lunch to < closes',
  });
export type OfficeHours = z.infer<typeof OfficeHours>;

/** A state body's usual day: 9:00–18:30 with lunch 13:00–14:30 (an authority sets its own). */
export const DEFAULT_OFFICE_HOURS: OfficeHours = { opens: '09:00', closes: '18:30', lunchFrom: '13:00', lunchTo: '14:30' };

export const DEADLINE_UNITS = ['minutes', 'hours', 'working-days'] as const;
export const Deadline = z.object({ amount: z.number().int().positive().max(10_000), unit: z.enum(DEADLINE_UNITS) }).strict();
export type Deadline = z.infer<typeof Deadline>;

function minutesOf(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

/** Local midnight (as an instant) of a Kazakhstan calendar date. */
function midnightOf(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) - KZ_OFFSET_MS;
}

function localDateOf(instant: number): string {
  return new Date(instant + KZ_OFFSET_MS).toISOString().slice(0, 10);
}

export class WorkingTime {
  /** Minutes after local midnight: [from, to) spans of a working day. */
  private readonly spans: readonly (readonly [number, number])[];

  constructor(
    readonly calendar: WorkingCalendar,
    readonly hours: OfficeHours = DEFAULT_OFFICE_HOURS,
  ) {
    this.spans = [
      [minutesOf(hours.opens), minutesOf(hours.lunchFrom)],
      [minutesOf(hours.lunchTo), minutesOf(hours.closes)],
    ];
  }

  /** The working spans of a date, as instants [from, to). */
  private spansOn(isoDate: string): [number, number][] {
    if (!this.calendar.isWorkingDay(isoDate)) return [];
    const midnight = midnightOf(isoDate);
    return this.spans.map(([from, to]) => [midnight + from * 60_000, midnight + to * 60_000]);
  }

  /** Whether the office is at work at this instant (opening and lunch's end included, lunch and closing excluded). */
  isWorkingMoment(instant: Date): boolean {
    const t = instant.getTime();
    return this.spansOn(localDateOf(t)).some(([from, to]) => from <= t && t < to);
  }

  /** Whether a deadline may fall here: the end of a working minute (closing time and lunch's start included). */
  isDueMoment(instant: Date): boolean {
    const t = instant.getTime();
    return this.spansOn(localDateOf(t)).some(([from, to]) => from < t && t <= to);
  }

  /**
   * When a step that started at `start` falls due. Minutes and hours are working time counted from the
   * start (or from the next opening, when the office is closed); working days are counted from the day
   * after the start, and the step is due at closing time on the last of them.
   */
  dueAt(start: Date, deadline: Deadline): Date {
    if (deadline.unit === 'working-days') {
      const lastDay = this.calendar.addWorkingDays(localDateOf(start.getTime()), deadline.amount);
      return new Date(midnightOf(lastDay) + minutesOf(this.hours.closes) * 60_000);
    }
    return this.afterWorked(start, deadline.amount * (deadline.unit === 'hours' ? 60 : 1) * 60_000);
  }

  /** The instant by which `ms` of working time have passed since `start` (counted from the next opening when closed). */
  afterWorked(start: Date, ms: number): Date {
    let left = ms;
    let t = start.getTime();
    // A year with no working day in it cannot be: give up rather than loop, far past any deadline.
    for (let day = localDateOf(t), guard = 0; guard < 3700; day = nextDay(day), guard++) {
      for (const [from, to] of this.spansOn(day)) {
        if (to <= t) continue;
        const begin = Math.max(from, t);
        if (to - begin >= left) return new Date(begin + left);
        left -= to - begin;
        t = to;
      }
    }
    throw new RangeError('no working time within ten years');
  }

  /** Working milliseconds between two instants (0 when `to` is not after `from`). */
  workedMs(from: Date, to: Date): number {
    const a = from.getTime();
    const b = to.getTime();
    let total = 0;
    for (let day = localDateOf(a); midnightOf(day) < b; day = nextDay(day)) {
      for (const [f, t] of this.spansOn(day)) total += Math.max(0, Math.min(t, b) - Math.max(f, a));
    }
    return total;
  }

  /** Calendar years the span touches that the calendar lacks (counted Monday to Friday: a guess, so said aloud). */
  missingYears(from: Date, to: Date): number[] {
    return this.calendar.missingYears(localDateOf(from.getTime()), localDateOf(Math.max(from.getTime(), to.getTime())));
  }
}

