import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kazakhstanDate, WorkingCalendar } from '../../../domain/calendar/working-days';

const calendar = new WorkingCalendar([
  { year: 2026, daysOff: ['2026-03-20', '2026-03-23', '2026-03-24'], workingWeekends: ['2026-03-28'] },
]);

test('weekends and listed days off are skipped', () => {
  assert.equal(calendar.addWorkingDays('2026-11-20', 1), '2026-11-23'); // Friday → Monday
  assert.equal(calendar.addWorkingDays('2026-03-19', 1), '2026-03-25'); // Nauryz days off
  assert.equal(calendar.addWorkingDays('2026-11-23', 15), '2026-12-14');
});

test('a Saturday made a working day by decree counts', () => {
  assert.equal(calendar.isWorkingDay('2026-03-28'), true);
  assert.equal(calendar.addWorkingDays('2026-03-27', 1), '2026-03-28');
});

test('the date is taken in Kazakhstan time (UTC+5)', () => {
  assert.equal(kazakhstanDate(new Date('2026-11-22T19:30:00Z')), '2026-11-23');
  assert.equal(kazakhstanDate(new Date('2026-11-22T18:59:59Z')), '2026-11-22');
});
