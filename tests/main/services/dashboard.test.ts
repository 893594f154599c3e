import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestCore, type TestCore } from '../../support/core';
import { STEPS } from '../../../domain/applications/steps';
import { headKey, readyForDecision, registeredApplication } from '../../support/workflow';

/** The office's clock: Monday 7 December 2026, 10:00 in Kazakhstan, moved by the test. */
let now = Date.parse('2026-12-07T10:00:00+05:00');
let t: TestCore;
before(async () => {
  t = await startTestCore({ now: () => new Date(now), idleSessionMs: 30 * 86_400_000 });
});
after(() => t.close());

const DECEMBER = { fromMonth: '2026-12', toMonth: '2026-12' } as const;

test('the dashboard’s figures are the database’s: the month’s flow, steps against deadlines, the open steps now, the load, the survey; a click lists the applications behind a bar', async () => {
  const { app: issuedApp, clerk, head } = await readyForDecision(t);
  await head['decisions.issueLicence']({ applicationId: issuedApp.id, ...headKey(t) });
  now += 30 * 60_000;
  await clerk['applications.handOut']({ id: issuedApp.id, handedAt: new Date(now - 60_000).toISOString(), recipient: 'Ахметов Арман', recipientIdn: null, method: 'in-person' });
  await clerk['applications.recordSurvey']({ id: issuedApp.id, process: 'satisfied', information: 'partly' });
  // One more, waiting on the head's assignment (4 working hours from 10:30: due 16:00 with lunch between).
  const waiting = await registeredApplication(t, clerk);

  const view = await head['dashboard.get'](DECEMBER);
  assert.deepEqual((await head['dashboard.get']({})).filter, { fromMonth: '2026-01', toMonth: '2026-12' }, 'no period asked: the year so far, by the office’s clock');
  const db = t.core.ctx.db;
  const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
  const scrap = view.flow.find((f) => f.month === '2026-12' && f.serviceCode === 'scrap-metal')!;
  assert.equal(scrap.received, count("SELECT count(*) AS n FROM applications WHERE service_code = 'scrap-metal' AND registered_at >= '2026-11-30T19:00:00.000Z'"));
  assert.equal(scrap.received, 2);
  assert.equal(scrap.issued, count("SELECT count(*) AS n FROM decisions WHERE kind = 'licence'"));
  assert.equal(scrap.refused, 0);
  assert.deepEqual(view.flow.map((f) => f.serviceCode).sort(), t.core.ctx.catalogue.services.map((s) => s.code).sort(), 'every service, nothing left out for being empty');

  for (const s of view.steps) {
    assert.equal(s.ended, count('SELECT count(*) AS n FROM application_steps WHERE step = ? AND ended_at IS NOT NULL', s.step), s.step);
    assert.equal(s.late, count('SELECT count(*) AS n FROM application_steps WHERE step = ? AND ended_at > due_at', s.step), s.step);
    assert.ok(s.meanAllowedHours > 0, s.step);
  }
  assert.deepEqual(view.steps.map((s) => s.step), STEPS.filter((s) => view.steps.some((v) => v.step === s)));
  assert.ok(view.steps.some((s) => s.step === 'hand-out'));
  assert.deepEqual(view.now.find((n) => n.step === 'assign'), { step: 'assign', onTime: 1, atRisk: 0, overdue: 0 });
  assert.deepEqual(
    view.survey.filter((s) => s.count > 0).map((s) => [s.question, s.answer, s.count]),
    [['process', 'satisfied', 1], ['information', 'partly', 1]],
  );
  const executor = view.executors.find((e) => e.name === t.core.ctx.db.prepare("SELECT full_name AS n FROM users WHERE username = 'executor'").pluck().get())!;
  assert.equal(executor.decided, 1);

  // 15:00: 3½ of 4 working hours spent — at risk; 16:00 overdue. The open steps are judged at the dashboard's "now".
  now = Date.parse('2026-12-07T15:00:00+05:00');
  assert.deepEqual((await head['dashboard.get'](DECEMBER)).now.find((n) => n.step === 'assign'), { step: 'assign', onTime: 0, atRisk: 1, overdue: 0 });
  now = Date.parse('2026-12-07T16:00:00+05:00');
  assert.deepEqual((await head['dashboard.get'](DECEMBER)).now.find((n) => n.step === 'assign'), { step: 'assign', onTime: 0, atRisk: 0, overdue: 1 });

  const behind = async (segment: Parameters<(typeof head)['dashboard.applications']>[0]['segment'], filter: Parameters<(typeof head)['dashboard.applications']>[0]['filter'] = DECEMBER) =>
    (await head['dashboard.applications']({ filter, segment })).applications.map((a) => a.id);
  assert.deepEqual(await behind({ kind: 'open', urgency: 'overdue' }), [waiting.id]);
  assert.deepEqual(await behind({ kind: 'open', step: 'assign', urgency: 'at-risk' }), []);
  assert.deepEqual(await behind({ kind: 'flow', measure: 'issued', month: '2026-12', serviceCode: 'scrap-metal' }), [issuedApp.id]);
  assert.deepEqual(await behind({ kind: 'flow', measure: 'received', month: '2026-12' }), [waiting.id, issuedApp.id], 'newest first');
  assert.deepEqual(await behind({ kind: 'flow', measure: 'received', month: '2026-11' }), []);
  assert.deepEqual(await behind({ kind: 'survey', question: 'information', answer: 'partly' }), [issuedApp.id]);
  assert.deepEqual(await behind({ kind: 'survey', question: 'information', answer: 'satisfied' }), []);

  // Narrowed to the executor: received is not counted per executor (the head assigns later), so it is not shown.
  const mine = await head['dashboard.get']({ ...DECEMBER, executorId: executor.executorId });
  assert.ok(mine.flow.every((f) => f.received === null));
  assert.equal(mine.flow.find((f) => f.serviceCode === 'scrap-metal')!.issued, 1);
  assert.deepEqual(mine.executors.map((e) => e.executorId), [executor.executorId]);
  assert.equal(mine.now.find((n) => n.step === 'assign'), undefined, 'the waiting application has no executor yet');
  // Another service: nothing of these.
  const eco = await head['dashboard.get']({ ...DECEMBER, serviceCode: 'eco-expertise' });
  assert.deepEqual(eco.flow.map((f) => [f.serviceCode, f.received, f.issued]), [['eco-expertise', 0, 0]]);
  assert.deepEqual(await behind({ kind: 'open', urgency: 'overdue' }, { ...DECEMBER, serviceCode: 'eco-expertise' }), []);
});

test('the dashboard is the head’s; a bad period is refused', async () => {
  const [head, clerk, admin] = await Promise.all([t.as('head'), t.as('clerk'), t.as('admin')]);
  await assert.rejects(clerk['dashboard.get'](DECEMBER), { code: 'forbidden' });
  await assert.rejects(admin['dashboard.get'](DECEMBER), { code: 'forbidden' });
  await assert.rejects(head['dashboard.get']({ fromMonth: '2026-12', toMonth: '2026-11' }), { code: 'invalid-arguments' });
  await assert.rejects(head['dashboard.get']({ fromMonth: '2023-12', toMonth: '2026-12' }), { code: 'invalid-arguments' }, '36 months at most');
  await assert.rejects(head['dashboard.get']({ fromMonth: '2026-13', toMonth: '2026-12' }), { code: 'invalid-arguments' });
  assert.equal((await head['dashboard.get']({ fromMonth: '2024-02', toMonth: '2026-12' })).flow.length / t.core.ctx.catalogue.services.length, 35);
});
