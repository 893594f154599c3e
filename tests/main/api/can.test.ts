import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { can, verdict } from '../../../domain/api/can';
import { CHANNELS, type Channel } from '../../../domain/api/contract';
import { STATUSES } from '../../../domain/applications/status';
import { getApplication } from '../../../db/repositories/applications';
import { findUserByName, type UserRecord } from '../../../db/repositories/users';
import { createRouter, type Handlers } from '../../../main/api/router';
import { startTestCore, type TestCore } from '../../support/core';
import { headKey, readyForDecision } from '../../support/workflow';
import { validCalls } from '../../support/call-args';

/**
 * The router's verdict is `can`'s, for every call, every status of the application it acts on, and
 * users of every role — the clerk who opened it and another, the executor assigned and another, the
 * head, the administrator. The router runs for real (sessions, the database) in front of handlers
 * that only note that they were reached.
 */
let t: TestCore;
let appId: string;
let documentId: string;
let decisionId: string;
const users: UserRecord[] = [];

before(async () => {
  t = await startTestCore();
  const { app, head } = await readyForDecision(t);
  appId = app.id;
  documentId = app.slots.find((s) => s.documents.length > 0)!.documents[0]!.id;
  decisionId = (await head['decisions.issueLicence']({ applicationId: app.id, ...headKey(t) })).decision!.id;
  const admin = await t.as('admin');
  await admin['users.create']({ username: 'clerk2', fullName: 'Екінші Іс жүргізуші', iin: null, roles: ['clerk'], password: 'long-enough' });
  await admin['users.create']({ username: 'executor2', fullName: 'Екінші Орындаушы', iin: null, roles: ['executor'], password: 'long-enough' });
  for (const name of ['clerk', 'clerk2', 'executor', 'executor2', 'head', 'admin']) users.push(findUserByName(t.core.ctx.db, name)!);
});
after(() => t.close());

const PDF = Buffer.from('%PDF-1.7\n').toString('base64');
const PNG = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');
const KEY = { keyFileBase64: PNG, keyPassword: 'x' };

/** Arguments each call accepts, all aimed at the one application (its document, its decision). */
const argsFor = (channel: Channel) =>
  validCalls({
    draftId: appId,
    registeredId: appId,
    documentId,
    decisionId,
    pageId: '01930000-0000-7000-8000-000000000001',
    executorId: users[2]!.id,
    key: KEY,
    clerkKey: KEY,
    pdfBase64: PDF,
    pngBase64: PNG,
  })[channel];

test("for every call, status and kind of user, the router's verdict is can's", async () => {
  const reached: string[] = [];
  const spies = Object.fromEntries(CHANNELS.map((c) => [c, () => reached.push(c)])) as unknown as Handlers;
  const dispatch = createRouter(t.core.ctx, spies);
  const sessions = new Map(users.map((u) => [u.id, t.core.ctx.sessions.create(u.id).token]));
  const assigned = users[2]!.id;
  let compared = 0;
  let refused = 0;
  for (const status of STATUSES) {
    // The application as each status leaves it: an executor once assigned.
    const executorId = status === 'draft' || status === 'registered' ? null : assigned;
    t.core.ctx.db.prepare('UPDATE applications SET status = ?, executor_id = ? WHERE id = ?').run(status, executorId, appId);
    const app = getApplication(t.core.ctx.db, appId)!;
    for (const user of users) {
      for (const channel of CHANNELS) {
        reached.length = 0;
        const reply = await dispatch({ channel, args: argsFor(channel), session: sessions.get(user.id)! });
        const expected = verdict(user, channel, app);
        const routerAllowed = reached.length === 1;
        assert.equal(routerAllowed, can(user, channel, app), `${user.username} ${channel} when ${status}: router ${JSON.stringify(reply)}`);
        assert.equal(reply.ok, routerAllowed, `${channel}: only a reached handler answers ok`);
        if (!expected.allowed) {
          refused++;
          assert.deepEqual(reply, { ok: false, error: { code: expected.code, ...(expected.reason ? { reason: expected.reason } : {}) } }, `${user.username} ${channel} when ${status}`);
        }
        compared++;
      }
    }
  }
  assert.equal(compared, STATUSES.length * users.length * CHANNELS.length);
  assert.ok(refused > 500, `the grid holds refusals of every kind (${refused})`);
});

test('can: the state machine, ownership and assignment decide what each user may do to an application', () => {
  const [clerk, clerk2, executor, executor2, head, admin] = users as [UserRecord, UserRecord, UserRecord, UserRecord, UserRecord, UserRecord];
  const draft = { status: 'draft' as const, createdBy: clerk.id, executorId: null };
  assert.equal(can(clerk, 'applications.register', draft), true);
  assert.equal(can(clerk2, 'applications.register', draft), false);
  assert.equal(can(head, 'applications.get', draft), true);
  assert.equal(can(executor, 'applications.get', draft), false);
  assert.equal(can(admin, 'documents.attach', draft), false);
  const assigned = { status: 'assigned' as const, createdBy: clerk.id, executorId: executor.id };
  assert.equal(can(executor, 'checklist.set', assigned), true);
  assert.equal(can(executor2, 'checklist.set', assigned), false);
  assert.equal(can(head, 'applications.assign', assigned), true);
  assert.equal(can(head, 'decisions.issueLicence', assigned), false);
  assert.equal(can(clerk, 'documents.attach', assigned), false);
  assert.equal(can(head, 'decisions.issueLicence', { ...assigned, status: 'ready-for-decision' }), true);
  assert.equal(can(null, 'applications.get'), false);
  assert.equal(can(null, 'auth.login'), true);
});
