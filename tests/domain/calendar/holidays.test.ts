import assert from 'node:assert/strict';
import { test } from 'node:test';
import { draftYear } from '../../../domain/calendar/holidays';
import { loadCalendar } from '../../../main/catalogue/load';

const shipped = loadCalendar();

test('2026 as shipped is the ministry’s published calendar: the law’s holidays and carried days, 31 August working again', () => {
  const year = shipped.years().find((y) => y.year === 2026)!;
  assert.deepEqual(year.daysOff, draftYear(2026, '2026-05-27').daysOff);
  assert.equal(year.provisional, undefined, '2026 is decreed, not drawn up');
  // Nauryz (21–22 March on the weekend) carried to Tuesday and Wednesday; Victory Day (Saturday) to Monday 11 May.
  for (const day of ['2026-03-23', '2026-03-24', '2026-03-25', '2026-05-11', '2026-10-26']) assert.equal(shipped.isWorkingDay(day), false, day);
  // Constitution Day of 1995 is no holiday from 2026 (it fell on Sunday 30 August: nothing carried to the 31st).
  assert.equal(shipped.isWorkingDay('2026-08-31'), true);
  assert.equal(shipped.isWorkingDay('2026-03-20'), true);
  assert.equal(shipped.isWorkingDay('2026-05-08'), true);
});

test('2027 is drawn up by the law until its decree: Constitution Day on 15 March, New Year’s Saturday carried to 4 January', () => {
  const year = shipped.years().find((y) => y.year === 2027)!;
  assert.equal(year.provisional, true);
  assert.deepEqual(year.daysOff, draftYear(2027, '2027-05-16').daysOff);
  for (const day of ['2027-01-04', '2027-03-15', '2027-03-24', '2027-05-03', '2027-05-10']) assert.equal(shipped.isWorkingDay(day), false, day);
  // Kurban Ait on Sunday 16 May is not carried; 30 August is an ordinary Monday.
  assert.equal(shipped.isWorkingDay('2027-05-17'), true);
  assert.equal(shipped.isWorkingDay('2027-08-30'), true);
});

test('a holiday on a weekend moves the day off past the holidays around it; Christmas and Kurban Ait do not move', () => {
  // 2028: 1 January Saturday, 2 January Sunday → Monday 3 and Tuesday 4; 7 January Friday stays.
  const y2028 = draftYear(2028, '2028-05-05');
  assert.deepEqual(y2028.daysOff.filter((d) => d.startsWith('2028-01')), ['2028-01-03', '2028-01-04', '2028-01-07']);
  // 2029: 7 January is Sunday: no day off for it.
  assert.ok(!draftYear(2029, null).daysOff.includes('2029-01-08'));
  // Kurban Ait on a Saturday gives no Monday off.
  assert.ok(!draftYear(2030, '2030-04-13').daysOff.includes('2030-04-15'));
});

test('years before the rules here held, and a Kurban Ait outside the year, are refused', () => {
  assert.throws(() => draftYear(2021, null), RangeError);
  assert.throws(() => draftYear(2027, '2026-05-27'), RangeError);
});
