import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CHANNELS, contract } from '../../domain/api/contract';
import { createRouter, type Handlers } from '../../main/router';
import { startTestCore, type TestCore } from '../support/core';

let t: TestCore;
before(async () => {
  t = await startTestCore();
});
after(async () => {
  await t.close();
});

const MALFORMED: unknown[] = [{ bogus: 1 }, 'text', 42, [1, 2], { id: 'not-a-uuid', username: 7 }];

function eventCount(): number {
  return (t.core.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
}

test('every call with malformed arguments is refused before any handler runs', async () => {
  const called: string[] = [];
  const spies = Object.fromEntries(CHANNELS.map((c) => [c, () => called.push(c)])) as unknown as Handlers;
  const dispatch = createRouter(t.core.ctx, spies);
  for (const channel of CHANNELS) {
    for (const args of MALFORMED) {
      const reply = await dispatch({ channel, args, session: null });
      assert.equal(reply.ok, false, `${channel} accepted ${JSON.stringify(args)}`);
      assert.equal(!reply.ok && reply.error.code, 'invalid-arguments', channel);
    }
  }
  assert.deepEqual(called, []);
});

test('malformed calls through the real core change nothing', async () => {
  const before = eventCount();
  const session = t.core.ctx.sessions.create((t.core.ctx.db.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string }).id).token;
  for (const channel of CHANNELS) {
    for (const args of MALFORMED) await t.core.dispatch({ channel, args, session });
  }
  // Typical near-misses: a BIN with a wrong check digit, an oversized note, an unknown role.
  await t.core.dispatch({ channel: 'applicants.lookup', args: { idn: '150840001235', kind: 'legal' }, session });
  await t.core.dispatch({ channel: 'users.create', args: { username: 'x1', fullName: 'X', iin: null, roles: ['king'], password: 'long-enough' }, session });
  assert.equal(eventCount(), before);
});

test('unknown channels, missing sessions and wrong roles are refused', async () => {
  assert.deepEqual(await t.core.dispatch({ channel: 'db.dropEverything', args: {}, session: null }), { ok: false, error: { code: 'unknown-call' } });
  assert.deepEqual(await t.core.dispatch({ channel: 'applications.journal', args: {}, session: null }), { ok: false, error: { code: 'unauthenticated' } });
  assert.deepEqual(await t.core.dispatch({ channel: 'applications.journal', args: {}, session: 'forged' }), { ok: false, error: { code: 'unauthenticated' } });
  const clerk = await t.as('clerk');
  await assert.rejects(clerk['users.create']({ username: 'sneaky', fullName: 'S', iin: null, roles: ['admin'], password: 'long-enough' }), { code: 'forbidden' });
  await assert.rejects(clerk['applications.assign']({ id: '01930000-0000-7000-8000-000000000000', executorId: '01930000-0000-7000-8000-000000000000' }), { code: 'forbidden' });
  const executor = await t.as('executor');
  await assert.rejects(executor['applicants.lookup']({ idn: '150840001234', kind: 'legal' }), { code: 'forbidden' });
});

test('every call declares who may make it', () => {
  for (const channel of CHANNELS) assert.ok(contract[channel].access, channel);
  const publicCalls = CHANNELS.filter((c) => contract[c].access === 'public');
  assert.deepEqual(publicCalls.sort(), ['auth.login', 'auth.loginWithKey', 'setup.initialize', 'setup.status']);
});

test('an idle session expires', async () => {
  let now = Date.parse('2026-11-23T09:00:00Z');
  const idle = await startTestCore({ now: () => new Date(now), idleSessionMs: 60_000 });
  try {
    const clerk = await idle.as('clerk');
    await clerk['applications.journal']({});
    now += 61_000;
    await assert.rejects(clerk['applications.journal']({}), { code: 'session-expired' });
  } finally {
    await idle.close();
  }
});
