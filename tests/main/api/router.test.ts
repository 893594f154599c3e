import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CHANNELS, contract } from '../../../domain/api/contract';
import { createRouter, type Handlers } from '../../../main/api/router';
import { startTestCore, type TestCore } from '../../support/core';
import { samplePdf } from '../../support/documents';

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

test('names carrying controls, direction overrides, broken or only invisible characters are refused by the contract; NFC is stored', async () => {
  const admin = await t.as('admin');
  const create = (fullName: string, username: string) => admin['users.create']({ username, fullName, iin: null, roles: ['clerk'], password: 'long-enough' });
  const before = eventCount();
  for (const [name, reason] of [
    ['Ivan\u202eov', 'text-direction-characters'],
    ['\u200b\u200b', 'text-invisible-only'],
    ['Ab\u0000c', 'text-control-characters'],
    ['Half \ud800', 'text-broken-characters'],
  ] as const) {
    await assert.rejects(create(name, 'refused-name'), (error: { code: string; reason: string; params: { field: string } }) => {
      assert.equal(error.code, 'invalid-arguments');
      assert.equal(error.reason, reason);
      assert.equal(error.params.field, 'fullName');
      return true;
    });
  }
  assert.equal(eventCount(), before);
  const created = await create('Ne\u0301lya', 'nfc-name');
  assert.equal(created.fullName, 'N\u00e9lya');
});

test('a document search with NUL or FTS5 syntax is an ordinary refusal or an ordinary search, never an internal error', async () => {
  const clerk = await t.as('clerk');
  await assert.rejects(clerk['documents.search']({ query: 'ab\u0000cd' }), { code: 'invalid-arguments', reason: 'text-control-characters' });
  for (const query of ['"unbalanced', 'NEAR(a b)', 'a* OR b', 'col:x', '-- ;', '"" ""', '\u00ad\u00ad x']) {
    const outcome = await clerk['documents.search']({ query }).then(
      () => 'searched',
      (error: { code: string }) => error.code,
    );
    assert.ok(['searched', 'invalid-input'].includes(outcome), `${query}: ${outcome}`);
  }
});

test('every call that names an application, document or decision declares it as its target', () => {
  for (const channel of CHANNELS) {
    const shape = (contract[channel].args as unknown as { shape?: Record<string, unknown> }).shape ?? {};
    const named = ['id', 'applicationId', 'documentId', 'decisionId'].filter((key) => key in shape);
    const target = (contract[channel] as { target?: { arg: string } }).target;
    assert.deepEqual(named, target ? [target.arg] : [], channel);
  }
});

test("one clerk cannot see, change or discard another clerk's draft; the head and administrator may look", async () => {
  const admin = await t.as('admin');
  await admin['users.create']({ username: 'clerk-two', fullName: 'Екінші Қызметкер', iin: null, roles: ['clerk'], password: 'long-enough' });
  const owner = await t.as('clerk');
  const other = t.client();
  await other['auth.login']({ username: 'clerk-two', password: 'long-enough' });
  const draft = await owner['applications.createDraft']({
    serviceCode: 'scrap-metal',
    procedure: 'issue',
    applicantKind: 'legal',
    applicantIdn: '150840001234',
    representation: { kind: 'none' },
  });
  const attached = await owner['documents.attach']({ applicationId: draft.id, slotCode: 'application', fileName: 'a.pdf', contentBase64: (await samplePdf('a')).toString('base64') });
  const documentId = attached.slots.find((s) => s.code === 'application')!.documents[0]!.id;
  const executor = await t.as('executor');
  const before = eventCount();
  const refused = { code: 'forbidden', reason: 'draft-of-another-clerk' };
  await assert.rejects(other['applications.discardDraft']({ id: draft.id }), refused);
  await assert.rejects(other['documents.setPaperPresented']({ applicationId: draft.id, slotCode: 'application', presented: true }), refused);
  await assert.rejects(other['documents.attach']({ applicationId: draft.id, slotCode: 'fee-receipt', fileName: 'b.pdf', contentBase64: (await samplePdf('b')).toString('base64') }), refused);
  await assert.rejects(other['documents.remove']({ documentId }), refused);
  await assert.rejects(other['documents.content']({ documentId }), refused);
  await assert.rejects(other['applications.get']({ id: draft.id }), refused);
  await assert.rejects(executor['applications.get']({ id: draft.id }), refused);
  assert.equal(eventCount(), before);
  assert.ok(!(await other['applications.journal']({})).some((a) => a.id === draft.id));
  assert.ok((await owner['applications.journal']({})).some((a) => a.id === draft.id));
  assert.equal((await (await t.as('head'))['applications.get']({ id: draft.id })).id, draft.id);
  assert.ok((await admin['applications.journal']({})).some((a) => a.id === draft.id));
  await assert.rejects(other['applications.get']({ id: '01930000-0000-7000-8000-000000000000' }), { code: 'not-found' });
  await owner['applications.discardDraft']({ id: draft.id });
});

test('a fault in the core is answered as internal with an incident id, and the same id is logged beside its cause', async () => {
  const logged: { error: unknown; channel: string }[] = [];
  const failing = Object.fromEntries(CHANNELS.map((c) => [c, () => { throw new TypeError('a bug'); }])) as unknown as Handlers;
  const dispatch = createRouter(t.core.ctx, failing, { onInternalError: (error, channel) => logged.push({ error, channel }) });
  const reply = await dispatch({ channel: 'setup.status', args: {}, session: null });
  assert.equal(reply.ok, false);
  const incident = !reply.ok ? (reply.error as { params?: { incident?: string } }).params?.incident : undefined;
  assert.match(incident ?? '', /^[0-9A-F]{6}$/);
  assert.equal(logged.length, 1);
  assert.equal(logged[0]!.channel, `setup.status (incident ${incident})`);
  assert.match(String(logged[0]!.error), /a bug/);
});
