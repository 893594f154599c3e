import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestCore, type TestCore } from '../../support/core';

let t: TestCore;
before(async () => {
  t = await startTestCore();
});
after(() => t.close());

test('the journal comes a page at a time, newest first, each page continuing after the last row of the one before', async () => {
  const clerk = await t.as('clerk');
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    ids.push((await clerk['applications.createDraft']({ serviceCode: 'scrap-metal', procedure: 'issue', applicantKind: 'legal', applicantIdn: '150840001234', representation: { kind: 'none' } })).id);
  }
  const newestFirst = [...ids].reverse();
  const first = await clerk['applications.journal']({ limit: 2 });
  assert.deepEqual(first.map((r) => r.id), newestFirst.slice(0, 2));
  const second = await clerk['applications.journal']({ limit: 2, after: first[1]!.id });
  assert.deepEqual(second.map((r) => r.id), newestFirst.slice(2, 4));
  const last = await clerk['applications.journal']({ limit: 2, after: second[1]!.id });
  assert.deepEqual(last.map((r) => r.id), newestFirst.slice(4));
  assert.deepEqual((await clerk['applications.journal']({})).map((r) => r.id), newestFirst, 'without a limit, one page of up to 500');
  await assert.rejects(clerk['applications.journal']({ limit: 501 }), { code: 'invalid-arguments' });
  await assert.rejects(clerk['applications.journal']({ limit: 0 }), { code: 'invalid-arguments' });
});

test('the journal finds an application by the start of its IIN/BIN, of its journal number, or by words of either name (Kazakh or Russian)', async () => {
  const clerk = await t.as('clerk');
  const draft = (applicantIdn: string) => clerk['applications.createDraft']({ serviceCode: 'scrap-metal', procedure: 'issue', applicantKind: 'legal', applicantIdn, representation: { kind: 'none' } });
  const atyrau = await draft('150840001234');
  const karaganda = await draft('091240004563');
  const ids = async (search: string) => (await clerk['applications.journal']({ search })).map((r) => r.id);
  assert.ok((await ids('0912400')).includes(karaganda.id));
  assert.ok(!(await ids('0912400')).includes(atyrau.id));
  assert.ok(!(await ids('4563')).includes(karaganda.id), 'the start of the number, not any part of it');
  assert.ok((await ids('қарағанды түсті')).includes(karaganda.id), 'Kazakh name, any case');
  assert.ok((await ids('Карагандинский цвет')).includes(karaganda.id), 'Russian name, a word’s beginning');
  assert.ok(!(await ids('Карагандинский цвет')).includes(atyrau.id));
  assert.ok((await ids('ТОО Атырау')).includes(atyrau.id), 'the legal form is passed over');

  const registered = (await clerk['applications.journal']({ status: 'registered' }))[0];
  if (registered?.journalNumber) {
    assert.deepEqual((await ids(registered.journalNumber.toLowerCase())).slice(0, 1), [registered.id]);
  }
});
