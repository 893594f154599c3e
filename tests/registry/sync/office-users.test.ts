import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { takeDeskUsers } from '../../../registry/sync/office-users';
import { pullChanges } from '../../../registry/sync/pull';
import { applyChange } from '../../../main/sync/receive';
import { inTransaction } from '../../../main/context';
import { DEMO_AUTHORITY } from '../../../main/demo/seed';
import type { Change, DeskUser } from '../../../domain/sync/protocol';
import { startTestCore, type TestCore } from '../../support/core';
import { REGISTRY_BACKENDS, startTestRegistry } from '../../support/registry';
import { enrolTestDesk } from '../../support/registry-desk';
import { registeredApplication } from '../../support/workflow';

const backend = REGISTRY_BACKENDS.at(-1)!;
const OFFICE = { authorityBin: DEMO_AUTHORITY.bin, officeCode: DEMO_AUTHORITY.officeCode };
let registry: Awaited<ReturnType<typeof startTestRegistry>>;
let t: TestCore;
before(async () => {
  [registry, t] = await Promise.all([startTestRegistry(backend), startTestCore()]);
});
after(async () => {
  await t?.close();
  await registry?.close();
});

test(`[${backend}] a desk's user list: new and changed people become changes, the same list again none, one left out goes inactive — and the head's desk follows`, async () => {
  const { desk } = await enrolTestDesk(registry.db, OFFICE);
  const { desk: elsewhere } = await enrolTestDesk(registry.db, { ...OFFICE, officeCode: 'OTHER' });
  const anna: DeskUser = { id: randomUUID(), username: 'anna', fullName: 'Анна Исполнитель', roles: ['executor'], active: true };
  const bolat: DeskUser = { id: randomUUID(), username: 'bolat', fullName: 'Болат Исполнитель', roles: ['executor'], active: true };
  const stranger: DeskUser = { id: randomUUID(), username: 'dana', fullName: 'Дана из другого отдела', roles: ['executor'], active: true };
  assert.deepEqual(await takeDeskUsers(registry.db, desk, [anna, bolat]), { changed: 2 });
  assert.deepEqual(await takeDeskUsers(registry.db, desk, [anna, bolat]), { changed: 0 });
  assert.deepEqual(await takeDeskUsers(registry.db, desk, [{ ...anna, fullName: 'Анна Серикова' }]), { changed: 2 }, 'renamed, and bolat left');
  await takeDeskUsers(registry.db, elsewhere, [stranger]);

  // The head's desk of the same office takes them in as the registry relays them.
  const { changes } = await pullChanges(registry.db, desk, 0);
  const self = { clientId: randomUUID(), officeCode: DEMO_AUTHORITY.officeCode };
  inTransaction(t.core.ctx, () => {
    for (const change of changes as Exclude<Change, { kind: `reference.${string}` }>[]) applyChange(t.core.ctx, change, new Date().toISOString(), self);
  });
  const head = await t.as('head');
  const listed = (await head['users.list']({})).filter((u) => u.desk !== null);
  assert.deepEqual(listed.map((u) => [u.username, u.fullName]), [['anna', 'Анна Серикова']], 'bolat left; dana works in another office');
  const app = await registeredApplication(t, await t.as('clerk'));
  await assert.rejects(head['applications.assign']({ id: app.id, executorId: bolat.id }), { reason: 'not-an-executor' });
  await head['applications.assign']({ id: app.id, executorId: anna.id });
  assert.equal((await head['applications.get']({ id: app.id })).executorId, anna.id);
});

test('an application registered at another office of the authority is not taken into this office\'s journal, nor moves its numbers', () => {
  const change = (officeCode: string, journalNumber: string): Extract<Change, { kind: 'application.registered' }> => ({
    seq: 1,
    kind: 'application.registered',
    applicationId: randomUUID(),
    registryNumber: '2026-AST-00000001',
    officeCode,
    record: {
      journalNumber,
      registeredAt: '2026-12-03T09:00:00.000Z',
      dueDate: '2026-12-10',
      formSha256: 'a'.repeat(64),
      serviceCode: 'scrap-metal',
      procedure: 'issue',
      details: { catalogueVersion: t.core.ctx.catalogue.version, applicant: { kind: 'legal', idn: '150840001234', name: 'ТОО «Тест»' }, representation: { kind: 'self' }, formCmsSha256: null },
      documents: [],
    },
  });
  const self = { clientId: randomUUID(), officeCode: DEMO_AUTHORITY.officeCode };
  const elsewhere = change('AST', 'AST-2026-00500');
  const here = change(DEMO_AUTHORITY.officeCode, `${DEMO_AUTHORITY.officeCode}-2026-00400`);
  inTransaction(t.core.ctx, () => {
    applyChange(t.core.ctx, elsewhere, new Date().toISOString(), self);
    applyChange(t.core.ctx, here, new Date().toISOString(), self);
  });
  const ids = (t.core.ctx.db.prepare('SELECT id FROM applications').all() as { id: string }[]).map((r) => r.id);
  assert.ok(!ids.includes(elsewhere.applicationId));
  assert.ok(ids.includes(here.applicationId));
  assert.equal((t.core.ctx.db.prepare("SELECT value FROM counters WHERE name = 'journal:2026'").get() as { value: number }).value >= 400, true);
  assert.ok((t.core.ctx.db.prepare("SELECT value FROM counters WHERE name = 'journal:2026'").get() as { value: number }).value < 500);
});
