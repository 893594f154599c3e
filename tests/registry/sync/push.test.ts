import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { openRegistryDb } from '../../../registry/db/open';
import type { RegistryDb } from '../../../registry/db/sql';
import { applyPush } from '../../../registry/sync/push';
import { commands, enrolTestDesk } from '../../support/registry-desk';
import { freshRegistryStorage, REGISTRY_BACKENDS, type TestRegistryStorage } from '../../support/registry';

const OFFICE = { authorityBin: '000140000028', officeCode: 'ALM' };
const OTHER = { authorityBin: '120240012345', officeCode: 'AST' };
const options = { now: new Date(), trustedRoots: [] };

for (const backend of REGISTRY_BACKENDS) {
  let storage: TestRegistryStorage;
  let db: RegistryDb;
  before(async () => {
    storage = await freshRegistryStorage(backend);
    db = await openRegistryDb(storage.storage);
  });
  after(async () => {
    await db?.close();
    await storage?.remove();
  });

  const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  test(`[${backend}] a resent push changes nothing and gets the same answers; a gap waits`, async () => {
    const { desk, clientId } = await enrolTestDesk(db, OFFICE);
    const app = commands(randomUUID());
    const batch = [app.register(1), app.assign(2)];
    const first = await applyPush(db, desk, { clientId, commands: batch }, options);
    assert.equal(first.lastMutationId, 2);
    assert.deepEqual(first.results.map((r) => r.outcome), ['accepted', 'accepted']);
    const history = await count('application_history');
    const again = await applyPush(db, desk, { clientId, commands: batch }, options);
    assert.deepEqual(again, first);
    assert.equal(await count('application_history'), history);
    const gap = await applyPush(db, desk, { clientId, commands: [app.submit(4)] }, options);
    assert.equal(gap.lastMutationId, 2);
    assert.deepEqual(gap.results, []);
    const numbers = await db.query<{ registry_number: string }>('SELECT registry_number FROM applications');
    assert.equal(numbers.length, 1);
  });

  test(`[${backend}] a command refused for good still advances the id, with its reason, and writes nothing of itself`, async () => {
    const { desk, clientId } = await enrolTestDesk(db, { ...OFFICE, officeCode: 'ALM2' });
    const id = randomUUID();
    const app = commands(id, 'ALM2');
    const unknown = commands(randomUUID(), 'ALM2');
    const before = await count('applications');
    const answer = await applyPush(db, desk, { clientId, commands: [unknown.assign(1), app.register(2), app.submit(3), app.register(4)] }, options);
    assert.equal(answer.lastMutationId, 4);
    assert.deepEqual(
      answer.results.map((r) => (r.outcome === 'rejected' ? r.reason : r.outcome)),
      ['application-unknown', 'accepted', 'transition-not-allowed', 'application-exists'],
    );
    assert.equal(await count('applications'), before + 1);
    const [row] = await db.query<{ status: string }>('SELECT status FROM applications WHERE id = $1', [id]);
    assert.equal(row!.status, 'registered');
  });

  test(`[${backend}] two desks of one office: the registry applies transitions in order and refuses the one that no longer fits`, async () => {
    const one = await enrolTestDesk(db, { ...OFFICE, officeCode: 'ALM3' });
    const two = await enrolTestDesk(db, { ...OFFICE, officeCode: 'ALM3' });
    const id = randomUUID();
    const app = commands(id, 'ALM3');
    await applyPush(db, one.desk, { clientId: one.clientId, commands: [app.register(1), app.assign(2), app.submit(3)] }, options);
    const late = await applyPush(db, two.desk, { clientId: two.clientId, commands: [{ ...app.submit(1) }] }, options);
    assert.deepEqual(late.results, [{ mutationId: 1, outcome: 'rejected', reason: 'transition-not-allowed' }]);
  });

  test(`[${backend}] a desk may not touch another authority's application`, async () => {
    const mine = await enrolTestDesk(db, { ...OFFICE, officeCode: 'ALM4' });
    const theirs = await enrolTestDesk(db, OTHER);
    const id = randomUUID();
    await applyPush(db, mine.desk, { clientId: mine.clientId, commands: [commands(id, 'ALM4').register(1)] }, options);
    const answer = await applyPush(db, theirs.desk, { clientId: theirs.clientId, commands: [commands(id).assign(1)] }, options);
    // Told apart from an application that does not exist by nothing: another authority's is simply unknown.
    assert.deepEqual(answer.results, [{ mutationId: 1, outcome: 'rejected', reason: 'application-unknown' }]);
    const [row] = await db.query<{ status: string }>('SELECT status FROM applications WHERE id = $1', [id]);
    assert.equal(row!.status, 'registered');
  });
}
