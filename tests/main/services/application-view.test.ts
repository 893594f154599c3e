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
