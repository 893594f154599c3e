import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { WorkingCalendar } from '../../../domain/calendar/working-days';
import { DEFAULT_OFFICE_HOURS, OfficeHours, WorkingTime, type Deadline } from '../../../domain/calendar/working-time';
import { loadCalendar } from '../../../main/catalogue/load';

/** The office's clock, as a clerk reads it: Kazakhstan time (UTC+5). */
const kz = (local: string) => new Date(`${local}:00+05:00`);
const time = new WorkingTime(loadCalendar()); // 9:00–18:30, lunch 13:00–14:30
const due = (startLocal: string, amount: number, unit: Deadline['unit']) => time.dueAt(kz(startLocal), { amount, unit });

test('minutes and hours run in office hours only: the lunch break, evenings and weekends do not count', () => {
  assert.deepEqual(due('2026-11-26T12:45', 30, 'minutes'), kz('2026-11-26T14:45')); // across lunch
  assert.deepEqual(due('2026-11-23T19:00', 30, 'minutes'), kz('2026-11-24T09:30')); // registered after closing
  assert.deepEqual(due('2026-11-24T07:10', 30, 'minutes'), kz('2026-11-24T09:30')); // before opening
  assert.deepEqual(due('2026-12-11T16:00', 4, 'hours'), kz('2026-12-14T10:30')); // Friday → Monday
  assert.deepEqual(due('2026-11-26T13:20', 1, 'hours'), kz('2026-11-26T15:30')); // started at lunch
  assert.deepEqual(due('2026-11-26T17:30', 1, 'hours'), kz('2026-11-26T18:30')); // due at closing time exactly
});

test('holidays, carried days off and the year’s end are skipped', () => {
  assert.deepEqual(due('2026-12-15T17:00', 4, 'hours'), kz('2026-12-17T11:30')); // 16 December
  assert.deepEqual(due('2026-03-20T17:30', 4, 'hours'), kz('2026-03-26T12:00')); // Nauryz carried to 24–25 March
  assert.deepEqual(due('2026-12-31T17:00', 4, 'hours'), kz('2027-01-05T11:30')); // New Year, its Saturday carried to 4 January
  // A Friday afternoon before Constitution Day (Monday 15 March 2027).
  assert.deepEqual(due('2027-03-12T15:00', 4, 'hours'), kz('2027-03-16T09:30'));
});

test('working days count from the next day and fall due at closing time on the last', () => {
  assert.deepEqual(due('2026-12-11T15:00', 2, 'working-days'), kz('2026-12-15T18:30'));
  assert.deepEqual(due('2026-12-15T09:05', 1, 'working-days'), kz('2026-12-17T18:30')); // over 16 December
  assert.deepEqual(due('2026-12-30T10:00', 2, 'working-days'), kz('2027-01-05T18:30'));
  assert.deepEqual(due('2026-11-28T11:00', 1, 'working-days'), kz('2026-11-30T18:30')); // handed in on a Saturday
});

test('a Saturday made a working day by decree counts, in office hours', () => {
  const calendar = new WorkingCalendar([{ year: 2026, daysOff: ['2026-12-17'], workingWeekends: ['2026-12-19'] }]);
  const decreed = new WorkingTime(calendar);
  assert.deepEqual(decreed.dueAt(kz('2026-12-18T18:00'), { amount: 1, unit: 'hours' }), kz('2026-12-19T09:30'));
  assert.deepEqual(decreed.dueAt(kz('2026-12-16T10:00'), { amount: 1, unit: 'working-days' }), kz('2026-12-18T18:30'));
});

test('an authority’s own office hours: an hour on a day 8:30–17:30 with lunch 12:30–13:30', () => {
  const hours = OfficeHours.parse({ opens: '08:30', closes: '17:30', lunchFrom: '12:30', lunchTo: '13:30' });
  const own = new WorkingTime(loadCalendar(), hours);
  assert.deepEqual(own.dueAt(kz('2026-11-26T12:00'), { amount: 1, unit: 'hours' }), kz('2026-11-26T14:00'));
  assert.deepEqual(own.dueAt(kz('2026-11-26T10:00'), { amount: 1, unit: 'working-days' }), kz('2026-11-27T17:30'));
  assert.equal(OfficeHours.safeParse({ opens: '09:00', closes: '08:00', lunchFrom: '13:00', lunchTo: '14:00' }).success, false);
  assert.equal(OfficeHours.safeParse({ ...DEFAULT_OFFICE_HOURS, opens: '9:00' }).success, false);
});

test('a span that runs into a year the calendar lacks says which', () => {
  assert.deepEqual(time.missingYears(kz('2027-12-30T10:00'), kz('2028-01-10T10:00')), [2028]);
  assert.deepEqual(time.missingYears(kz('2026-03-01T10:00'), kz('2027-03-01T10:00')), []);
});

test('worked time between two moments counts office hours only', () => {
  assert.equal(time.workedMs(kz('2026-11-26T12:00'), kz('2026-11-26T15:00')), 90 * 60_000);
  assert.equal(time.workedMs(kz('2026-11-27T18:00'), kz('2026-11-30T09:30')), 60 * 60_000);
  assert.equal(time.workedMs(kz('2026-11-30T09:30'), kz('2026-11-27T18:00')), 0);
});

// Properties, over the two years the calendar has.
const FROM = Date.parse('2026-01-01T00:00:00+05:00');
const TO = Date.parse('2027-12-15T00:00:00+05:00');
const instant = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms - (ms % 60_000)));
const deadline = fc.oneof(
  fc.record({ amount: fc.integer({ min: 1, max: 600 }), unit: fc.constant('minutes' as const) }),
  fc.record({ amount: fc.integer({ min: 1, max: 40 }), unit: fc.constant('hours' as const) }),
  fc.record({ amount: fc.integer({ min: 1, max: 20 }), unit: fc.constant('working-days' as const) }),
);

test('property: a due time never lands on a non-working moment', () => {
  fc.assert(fc.property(instant, deadline, (start, d) => time.isDueMoment(time.dueAt(start, d))), { numRuns: 2000 });
});

test('property: due times are monotonic in the start and in the amount', () => {
  fc.assert(
    fc.property(instant, instant, deadline, (a, b, d) => {
      const [early, late] = a <= b ? [a, b] : [b, a];
      return time.dueAt(early, d) <= time.dueAt(late, d);
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(instant, deadline, fc.integer({ min: 1, max: 50 }), (start, d, more) => time.dueAt(start, d) <= time.dueAt(start, { ...d, amount: d.amount + more })),
    { numRuns: 2000 },
  );
});

test('property: a step in minutes or hours gets exactly its working time, and is due after it starts', () => {
  fc.assert(
    fc.property(instant, deadline, (start, d) => {
      const at = time.dueAt(start, d);
      if (at <= start) return false;
      if (d.unit === 'working-days') return true;
      return time.workedMs(start, at) === d.amount * (d.unit === 'hours' ? 3_600_000 : 60_000);
    }),
    { numRuns: 2000 },
  );
});
