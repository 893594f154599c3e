import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { startTestCore, type TestCore } from '../../support/core';
import { registeredApplication } from '../../support/workflow';
import { databasePath } from '../../../main/storage';

let t: TestCore;
before(async () => {
  t = await startTestCore();
});
after(() => t.close());

test('the head sees who did what, when and where, filtered by person, action, application and period; never a password', async () => {
  const anonymous = t.client();
  for (let i = 0; i < 2; i++) await assert.rejects(anonymous['auth.login']({ username: 'executor', password: 'not-the-password' }), { code: 'bad-credentials' });
  const clerk = await t.as('clerk');
  const app = await registeredApplication(t, clerk);
  const head = await t.as('head');
  const executorUser = (await head['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!;
  await head['applications.assign']({ id: app.id, executorId: executorUser.id });

  const signIns = (await head['audit.list']({ action: 'sign-ins' })).entries;
  assert.ok(signIns.filter((e) => e.type === 'user.login-failed').length >= 2, 'failed sign-ins are in it');
  assert.ok(signIns.every((e) => ['user.login', 'user.login-failed', 'user.locked'].includes(e.type)));
  assert.ok(signIns.every((e, i) => i === 0 || e.seq < signIns[i - 1]!.seq), 'newest first');

  const aboutIt = (await head['audit.list']({ journalNumber: app.journalNumber!.toLowerCase() })).entries;
  assert.deepEqual(aboutIt.map((e) => e.type).slice(0, 2), ['application.assigned', 'application.registered']);
  assert.ok(aboutIt.every((e) => e.journalNumber === app.journalNumber && e.workstation === 'here'));
  assert.equal(aboutIt[0]!.actorName, 'Сәрсенбаев Қайрат Болатұлы');

  const byClerk = (await head['audit.list']({ actorId: aboutIt[1]!.actorId! })).entries;
  assert.ok(byClerk.length > 0 && byClerk.every((e) => e.actorId === aboutIt[1]!.actorId));
  const keys = (await head['audit.list']({ action: 'keys', journalNumber: app.journalNumber! })).entries;
  assert.deepEqual(keys.map((e) => e.type), ['application.registered'], 'the clerk’s key certified the form');
  assert.equal((await head['audit.list']({ from: '2001-01-01', to: '2001-12-31' })).entries.length, 0);
  const page = (await head['audit.list']({ limit: 3 })).entries;
  const next = (await head['audit.list']({ limit: 3, before: page.at(-1)!.seq })).entries;
  assert.ok(next[0]!.seq < page.at(-1)!.seq);
  const everything = JSON.stringify((await head['audit.list']({ limit: 200 })).entries);
  for (const secret of ['demo-password', 'demo-key-password', 'not-the-password']) assert.ok(!everything.includes(secret), secret);

  await assert.rejects(clerk['audit.list']({}), { code: 'forbidden' });
});

test('the chain’s state: intact since its first entry, or the first broken link and the rows changed behind the app’s back', async () => {
  const admin = await t.as('admin');
  const intact = await admin['audit.chain']({});
  assert.equal(intact.ok, true);
  assert.ok(intact.entries > 0 && intact.since);
  assert.equal(intact.firstBroken, null);

  const forger = new Database(databasePath(t.dataDir));
  forger.prepare("UPDATE events SET payload = '{\"failures\":0}' WHERE seq = (SELECT min(seq) FROM events WHERE type = 'user.login-failed')").run();
  forger.prepare("UPDATE users SET full_name = 'Подмена' WHERE username = 'clerk'").run();
  forger.close();
  const broken = await admin['audit.chain']({});
  assert.equal(broken.ok, false);
  assert.equal(broken.firstBroken?.problem, 'edited');
  assert.ok(broken.firstBroken?.at);
  assert.equal(broken.rowProblems, 1);
});
