import { kazakhstanDate, type CalendarYear } from '../../domain/calendar/working-days';
import { appendEvent } from '../../db/repositories/events';
import { storeReference } from '../../db/repositories/reference-data';
import { withReceivedReference } from '../catalogue/reference';
import { inTransaction, type CoreContext } from '../context';
import { recountOpenSteps } from './steps';

/**
 * A year of the working calendar an administrator imports by hand (the decree came before the registry
 * published it, or the office is offline): kept like a year the registry sent — the later of the two
 * replaces the other — and every open step's deadline recounted by it in the same transaction.
 */
export function importCalendarYear(ctx: CoreContext, year: CalendarYear, actorId: string | null): { recounted: number } {
  // The calendar with this year, made once: deadlines are recounted by it, and the desk works by it once committed.
  const { recounted, reference } = inTransaction(ctx, () => {
    const at = ctx.now().toISOString();
    storeReference(ctx.db, 'calendar', String(year.year), year, at);
    appendEvent(ctx.db, {
      at,
      actorId,
      entity: 'reference',
      entityId: `calendar:${year.year}`,
      type: 'calendar.imported',
      payload: { year: year.year, provisional: year.provisional === true, daysOff: year.daysOff.length, workingWeekends: year.workingWeekends.length },
    });
    const withYear = withReceivedReference(ctx.db, ctx);
    return { recounted: recountOpenSteps({ ...ctx, ...withYear }), reference: withYear };
  });
  Object.assign(ctx, reference);
  return { recounted };
}

/** How many years ahead deadlines may run: the longest legal deadline is weeks, looking two months ahead says so in good time. */
const LOOK_AHEAD_DAYS = 60;

/**
 * What the office must be told of its calendar today: years deadlines may run into that it lacks (counted
 * Monday to Friday only until imported) or has only as drawn up before their decree.
 */
export function calendarGaps(ctx: Pick<CoreContext, 'calendar' | 'now'>): { missingYears: number[]; provisionalYears: number[] } {
  const today = kazakhstanDate(ctx.now());
  const ahead = kazakhstanDate(new Date(ctx.now().getTime() + LOOK_AHEAD_DAYS * 86_400_000));
  const missingYears = ctx.calendar.missingYears(today, ahead);
  const years = [Number(today.slice(0, 4)), Number(ahead.slice(0, 4))].filter((y, i, all) => all.indexOf(y) === i);
  return { missingYears, provisionalYears: ctx.calendar.provisionalYears(years) };
}

