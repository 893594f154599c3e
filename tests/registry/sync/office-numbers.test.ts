import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { openRegistryDb } from '../../../registry/db/open';
import type { RegistryDb } from '../../../registry/db/sql';
import { leaseNumbers } from '../../../registry/sync/lease';
import { applyPush } from '../../../registry/sync/push';
import { commands, enrolTestDesk } from '../../support/registry-desk';
import { freshRegistryStorage, REGISTRY_BACKENDS, type TestRegistryStorage } from '../../support/registry';

/** The two digits of the year the registry leases for now. */
const THIS_YY = String(new Date().getFullYear()).slice(2);

const OFFICE = { authorityBin: '000140000028', officeCode: 'ALM' };

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

  test(`[${backend}] an office's journal numbers are leased in blocks that never overlap, and never cover a number a desk already gave`, async () => {
    const a = await enrolTestDesk(db, OFFICE);
    const b = await enrolTestDesk(db, OFFICE);
    const other = await enrolTestDesk(db, { ...OFFICE, officeCode: 'AST' });
    // Desk A numbered applications before it was enrolled: its 7th arrives.
    const pushed = await applyPush(db, a.desk, { clientId: a.clientId, commands: [commands(randomUUID()).register(1, 'ALM-2026-00007')] }, { now: new Date(), trustedRoots: [] });
    assert.equal(pushed.results[0]?.outcome, 'accepted');

    const leaseId = randomUUID();
    const first = await leaseNumbers(db, b.desk, { leaseId, series: 'journal', year: THIS_YY, size: 10 });
    assert.deepEqual([first.series, first.first, first.last], ['journal', 8, 17], 'past the number already given');
    assert.deepEqual(await leaseNumbers(db, b.desk, { leaseId, series: 'journal', year: THIS_YY, size: 10 }), first, 'asked again: the same block');
    await assert.rejects(leaseNumbers(db, a.desk, { leaseId, series: 'journal', year: THIS_YY, size: 10 }), { code: 'lease-of-another-desk' });
    const second = await leaseNumbers(db, a.desk, { leaseId: randomUUID(), series: 'journal', year: THIS_YY, size: 10 });
    assert.deepEqual([second.first, second.last], [18, 27]);
    const refusals = await leaseNumbers(db, a.desk, { leaseId: randomUUID(), series: 'refusal', year: THIS_YY, size: 10 });
    assert.deepEqual([refusals.first, refusals.last], [1, 10], 'refusals are a sequence of their own');
    const elsewhere = await leaseNumbers(db, other.desk, { leaseId: randomUUID(), series: 'journal', year: THIS_YY, size: 10 });
    assert.deepEqual([elsewhere.first, elsewhere.last], [1, 10], 'and each office has its own');
    const licences = await leaseNumbers(db, a.desk, { leaseId: randomUUID(), year: THIS_YY, size: 10 });
    assert.equal(licences.series, 'licence');
  });
}
