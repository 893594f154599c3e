import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestCore, type TestCore } from '../../support/core';
import { headKey, readyForDecision } from '../../support/workflow';
import { verifyAudit } from '../../../db/audit/verify';

let t: TestCore;
before(async () => {
  t = await startTestCore();
});
after(() => t.close());

test('the clerk hands the licence out (when, to whom, how), closing the application; the survey follows, once', async () => {
  const { app, clerk, head, executor } = await readyForDecision(t);
  const issued = await head['decisions.issueLicence']({ applicationId: app.id, ...headKey(t) });
  assert.equal(issued.step?.code, 'hand-out');
  assert.equal(issued.step?.holderRole, 'clerk');
  assert.ok((await clerk['applications.myWork']({})).some((a) => a.id === app.id));

  const handOut = (handedAt: Date, method: 'in-person' | 'representative' = 'representative') =>
    clerk['applications.handOut']({ id: app.id, handedAt: handedAt.toISOString(), recipient: 'Ахметов Арман', recipientIdn: '850101300124', method });
  await assert.rejects(handOut(new Date(Date.now() + 3600_000)), { code: 'invalid-input', reason: 'handout-in-the-future' });
  await assert.rejects(handOut(new Date(Date.parse(app.createdAt) - 60_000)), { code: 'invalid-input', reason: 'handout-before-decision' });
  await assert.rejects(executor['applications.handOut']({ id: app.id, handedAt: new Date().toISOString(), recipient: 'X', recipientIdn: null, method: 'post' }), { code: 'forbidden' });
  await assert.rejects(clerk['applications.recordSurvey']({ id: app.id, process: 'satisfied', information: 'satisfied' }), { code: 'invalid-state', reason: 'not-handed-out' });

  const handed = await handOut(new Date());
  assert.equal(handed.step, null, 'closed: nothing waits');
  assert.equal(handed.handout?.recipient, 'Ахметов Арман');
  assert.equal(handed.handout?.survey, null);
  assert.equal(handed.steps.at(-1)?.code, 'hand-out');
  assert.ok(handed.steps.at(-1)?.endedAt);
  assert.equal((await clerk['applications.myWork']({})).some((a) => a.id === app.id), false);
  await assert.rejects(handOut(new Date(), 'in-person'), { code: 'conflict', reason: 'handed-out-already' });

  const surveyed = await clerk['applications.recordSurvey']({ id: app.id, process: 'partly', information: 'not-satisfied' });
  assert.deepEqual(surveyed.handout?.survey, { process: 'partly', information: 'not-satisfied' });
  await assert.rejects(clerk['applications.recordSurvey']({ id: app.id, process: 'satisfied', information: 'satisfied' }), { code: 'conflict', reason: 'survey-recorded-already' });
  assert.ok(verifyAudit(t.core.ctx.db).ok, 'the hand-out and the survey are vouched for');
});

test('a hand-out is for a decided application only', async () => {
  const { app, clerk } = await readyForDecision(t);
  await assert.rejects(clerk['applications.handOut']({ id: app.id, handedAt: new Date().toISOString(), recipient: 'X', recipientIdn: null, method: 'post' }), {
    code: 'invalid-state',
  });
});
