import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { databasePath } from '../../../main/storage';
import { startTestCore, type TestCore } from '../../support/core';
import { headKey, readyForDecision } from '../../support/workflow';

let t: TestCore;
before(async () => {
  t = await startTestCore();
});
after(async () => {
  await t.close();
});

const sequenceOf = (number: string) => Number(number.slice(-5));

test('a licence number is taken only with the signed decision: a failure after signing leaves no gap', async () => {
  const first = await readyForDecision(t);
  const issued = await first.head['decisions.issueLicence']({ applicationId: first.app.id, ...headKey(t) });
  const second = await readyForDecision(t);
  // The signed licence cannot be stored (a full disk): nothing is recorded, and the number stays free.
  const put = t.core.ctx.blobs.put.bind(t.core.ctx.blobs);
  t.core.ctx.blobs.put = () => {
    throw new Error('ENOSPC: no space left on device');
  };
  try {
    await assert.rejects(second.head['decisions.issueLicence']({ applicationId: second.app.id, ...headKey(t) }), { code: 'internal' });
  } finally {
    t.core.ctx.blobs.put = put;
  }
  assert.equal((await second.head['applications.get']({ id: second.app.id })).status, 'ready-for-decision');
  const next = await second.head['decisions.issueLicence']({ applicationId: second.app.id, ...headKey(t) });
  assert.equal(sequenceOf(next.decision!.number), sequenceOf(issued.decision!.number) + 1);
});

test('a number another process took while this one was being signed is not used twice: it is signed again with the next', async () => {
  const { app, head } = await readyForDecision(t);
  const counter = `licence:${new Date().toISOString().slice(2, 4)}`;
  const taken = (t.core.ctx.db.prepare('SELECT value FROM counters WHERE name = ?').get(counter) as { value: number }).value;
  // Between signing and recording, a second connection to the same file (another process) takes the next number.
  const other = new Database(databasePath(t.dataDir));
  const put = t.core.ctx.blobs.put.bind(t.core.ctx.blobs);
  let once = true;
  t.core.ctx.blobs.put = (bytes) => {
    if (once) other.prepare('UPDATE counters SET value = value + 1 WHERE name = ?').run(counter);
    once = false;
    return put(bytes);
  };
  try {
    const issued = await head['decisions.issueLicence']({ applicationId: app.id, ...headKey(t) });
    assert.equal(sequenceOf(issued.decision!.number), taken + 2);
  } finally {
    t.core.ctx.blobs.put = put;
    other.close();
  }
});
