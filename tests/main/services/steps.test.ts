import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestCore, type TestCore } from '../../support/core';
import { registeredApplication } from '../../support/workflow';
import { loadCalendar } from '../../../main/catalogue/load';
import { verifyAudit } from '../../../db/audit/verify';

/** The office's clock, in Kazakhstan time, moved by the test. */
let now = Date.parse('2026-12-11T16:00:00+05:00'); // a Friday afternoon; Wednesday 16 December is a holiday
const at = (local: string) => new Date(`${local}:00+05:00`).toISOString();
let t: TestCore;

before(async () => {
  // Sessions outlive the days the clock jumps.
  t = await startTestCore({ now: () => new Date(now), idleSessionMs: 60 * 86_400_000 });
});
after(() => t.close());

test('each step falls due in working time, turns at-risk then overdue, and waits in its holder’s queue', async () => {
  const [clerk, head, executor] = await Promise.all([t.as('clerk'), t.as('head'), t.as('executor')]);
  now = Date.parse('2026-12-11T16:10:00+05:00');
  const app = await registeredApplication(t, clerk);
  // Registered at 16:10 on Friday: the head has 4 working hours (2 h 20 min on Friday, 1 h 40 min on Monday).
  assert.equal(app.step?.code, 'assign');
  assert.equal(app.step?.holderRole, 'head');
  assert.equal(app.step?.dueAt, at('2026-12-14T10:40'));
  assert.equal(app.step?.urgency, 'on-time');
  assert.deepEqual(app.steps.map((s) => [s.code, s.endedAt !== null]), [['register', true], ['assign', false]]);
  // Its legal deadline (15 working days) runs into January 2027, a year drawn up before its decree: said, not hidden.
  assert.deepEqual(app.calendarWarning, { missingYears: [], provisionalYears: [2027] });

  now = Date.parse('2026-12-14T10:00:00+05:00'); // 200 of 240 minutes spent
  const queue = await head['applications.myWork']({});
  assert.equal(queue.find((a) => a.id === app.id)?.step?.urgency, 'at-risk');
  assert.equal((await executor['applications.myWork']({})).some((a) => a.id === app.id), false, 'not the executor’s yet');
  now = Date.parse('2026-12-14T10:41:00+05:00');
  assert.equal((await head['applications.get']({ id: app.id })).step?.urgency, 'overdue');

  // The executor's completeness check: 2 working days from the next day, over the holiday.
  const executorUser = (await head['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!;
  const assigned = await head['applications.assign']({ id: app.id, executorId: executorUser.id });
  assert.equal(assigned.step?.code, 'completeness');
  assert.equal(assigned.step?.holderName, executorUser.fullName);
  assert.equal(assigned.step?.dueAt, at('2026-12-17T18:30'));
  assert.deepEqual(assigned.steps.find((s) => s.code === 'assign')?.overran, true, 'the head assigned it late');
  const mine = await executor['applications.myWork']({});
  assert.equal(mine[0]?.id, app.id);
  await assert.rejects(head['applications.confirmComplete']({ id: app.id }), { code: 'forbidden' });

  // The head's reassigning leaves the executor's clock running.
  await head['applications.assign']({ id: app.id, executorId: executorUser.id });
  now = Date.parse('2026-12-15T09:00:00+05:00');
  const complete = await executor['applications.confirmComplete']({ id: app.id });
  assert.equal(complete.step?.code, 'prepare');
  assert.equal(complete.step?.dueAt, at('2026-12-31T18:30'), 'scrap-metal: 11 working days to prepare, over 16 December');
  await assert.rejects(executor['applications.confirmComplete']({ id: app.id }), { code: 'invalid-state', reason: 'completeness-not-open' });

  // A decree makes 17 December a day off after all: the administrator imports the year, open deadlines move.
  const admin = await t.as('admin');
  const shipped = loadCalendar().years().find((y) => y.year === 2026)!;
  const decreed = { ...shipped, daysOff: [...shipped.daysOff, '2026-12-17'].sort() };
  assert.deepEqual(await admin['calendar.importYear']({ year: decreed }), { recounted: 1 });
  // One more day off pushes it past New Year (1 January) and its Saturday carried to Monday 4 January.
  assert.equal((await executor['applications.get']({ id: app.id })).step?.dueAt, at('2027-01-05T18:30'));
  await assert.rejects(executor['calendar.importYear']({ year: decreed }), { code: 'forbidden' });
  assert.ok(verifyAudit(t.core.ctx.db).ok, 'the import and every step are vouched for');
});
