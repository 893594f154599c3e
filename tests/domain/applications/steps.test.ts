import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { AT_RISK_SHARE, atRiskAt, urgencyOf } from '../../../domain/applications/steps';
import { DEADLINE_UNITS, WorkingTime } from '../../../domain/calendar/working-time';
import { loadCalendar } from '../../../main/catalogue/load';

const time = new WorkingTime(loadCalendar());
const kz = (local: string) => new Date(`${local}:00+05:00`);

test('a step turns at risk when three quarters of its working time are spent: 4 hours from Friday 15:00 before Constitution Day', () => {
  const step = { startedAt: kz('2027-03-12T15:00'), dueAt: kz('2027-03-16T09:30') };
  assert.deepEqual(atRiskAt(time, step), kz('2027-03-12T18:00'));
  assert.equal(urgencyOf(time, step, kz('2027-03-12T17:59')), 'on-time');
  assert.equal(urgencyOf(time, step, kz('2027-03-12T18:00')), 'at-risk', 'three of four hours, all on Friday');
  assert.equal(urgencyOf(time, step, kz('2027-03-15T12:00')), 'at-risk', 'the holiday counts nothing');
  assert.equal(urgencyOf(time, step, kz('2027-03-16T09:30')), 'overdue');
});

test('property: the stored at-risk instant says what the working-time share says, at every moment', () => {
  const instant = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-01T00:00:00Z'), noInvalidDate: true });
  const deadline = fc.record({ amount: fc.integer({ min: 1, max: 12 }), unit: fc.constantFrom(...DEADLINE_UNITS) });
  fc.assert(
    fc.property(instant, deadline, fc.integer({ min: 0, max: 40 * 86_400_000 }), (startedAt, d, after) => {
      const step = { startedAt, dueAt: time.dueAt(startedAt, d) };
      const now = new Date(startedAt.getTime() + after);
      const share = time.workedMs(startedAt, now) / time.workedMs(startedAt, step.dueAt);
      const expected = now >= step.dueAt ? 'overdue' : share >= AT_RISK_SHARE ? 'at-risk' : 'on-time';
      return urgencyOf(time, step, now) === expected && atRiskAt(time, step) <= step.dueAt;
    }),
    { numRuns: 2000 },
  );
});
