import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ApiClient } from '../../../domain/api/client';
import type { JournalView } from '../../../domain/api/contract';
import { kazakhstanMidnight } from '../../../domain/calendar/working-days';
import { listUsers } from '../../../db/repositories/users';
import { databasePath } from '../../../main/storage';
import { fillJournal } from '../../../scripts/journal-fixture';
import { startTestCore, type TestCore } from '../../support/core';

/**
 * The journal's views over a few thousand applications: every filter and order, walked page by page
 * through the API, gives exactly the rows (in exactly the order) the same rule picks from the table.
 */
let t: TestCore;
let head: ApiClient;
let executorIds: string[];
const NOW = new Date('2026-12-04T06:00:00Z');
before(async () => {
  t = await startTestCore({ now: () => NOW });
  head = await t.as('head');
  const users = listUsers(t.core.ctx.db);
  executorIds = users.filter((u) => u.roles.includes('executor')).map((u) => u.id);
  fillJournal(databasePath(t.dataDir), { applications: 3000, userId: users.find((u) => u.roles.includes('head'))!.id, executorIds, keepIndexes: true });
});
after(async () => {
  await t.close();
});

interface Row {
  id: string;
  status: string;
  service: string;
  procedure: string;
  executor: string | null;
  entered: string;
  due: string | null;
  stepDue: string | null;
}

function everyRow(): Row[] {
  return t.core.ctx.db
    .prepare(
      `SELECT a.id, a.status, a.service_code AS service, a.procedure, a.executor_id AS executor, coalesce(a.registered_at, a.created_at) AS entered, a.due_date AS due,
         (SELECT due_at FROM application_steps s WHERE s.application_id = a.id AND s.ended_at IS NULL) AS stepDue
       FROM applications a`,
    )
    .all() as Row[];
}

/** The rule, written once more plainly: which rows a view holds, in its order. */
function expected(view: JournalView): string[] {
  const rows = everyRow().filter(
    (r) =>
      (!view.status || r.status === view.status) &&
      (!view.serviceCode || r.service === view.serviceCode) &&
      (!view.procedure || r.procedure === view.procedure) &&
      (!view.executorId || r.executor === view.executorId) &&
      (!view.from || r.entered >= kazakhstanMidnight(view.from)) &&
      (!view.to || r.entered < kazakhstanMidnight(view.to, 1)) &&
      (!view.overdue || (r.stepDue !== null && r.stepDue < NOW.toISOString())) &&
      (view.sort !== 'due' || r.due !== null),
  );
  const byId = (a: Row, b: Row) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  if (view.sort === 'oldest') rows.sort(byId);
  else if (view.sort === 'due') rows.sort((a, b) => (a.due! < b.due! ? -1 : a.due! > b.due! ? 1 : byId(a, b)));
  else rows.sort((a, b) => byId(b, a));
  return rows.map((r) => r.id);
}

/** The view walked as the screen walks it: a page, then the next after its last row. */
async function walked(view: JournalView): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const page = await head['applications.journal']({ ...view, limit: 173, ...(ids.length ? { after: ids.at(-1)! } : {}) });
    ids.push(...page.map((r) => r.id));
    if (page.length < 173) return ids;
  }
}

test('each filter and order, page by page, gives the rows the rule gives, in its order, and the count says how many', async () => {
  const views: JournalView[] = [
    {},
    { sort: 'oldest' },
    { sort: 'due' },
    { status: 'assigned' },
    { serviceCode: 'eco-expertise', sort: 'oldest' },
    { procedure: 'reissue', serviceCode: 'grain-warehouse' },
    { executorId: executorIds[0]! },
    { from: '2025-03-01', to: '2025-03-31' },
    { from: '2026-11-01', sort: 'due' },
    { overdue: true },
    { overdue: true, sort: 'due', status: 'assigned' },
    { serviceCode: 'scrap-metal', status: 'issued', from: '2024-01-01', to: '2024-12-31', sort: 'oldest' },
  ];
  for (const view of views) {
    const want = expected(view);
    assert.deepEqual(await walked(view), want, JSON.stringify(view));
    assert.equal((await head['applications.journalCount'](view)).count, want.length, `count ${JSON.stringify(view)}`);
  }
  assert.ok(expected({ overdue: true }).length > 0, 'the fixture has overdue applications');
  assert.ok(expected({ from: '2025-03-01', to: '2025-03-31' }).length > 0, 'and applications in that month');
});

test('a day is a Kazakhstan day: registered at 23:30 in Astana on the 1st is on the 1st, not the 2nd', async () => {
  const lateOnFirst = '2025-06-01T18:30:00.000Z';
  t.core.ctx.db.prepare("UPDATE applications SET registered_at = ? WHERE id = (SELECT id FROM applications WHERE registered_at IS NOT NULL ORDER BY id LIMIT 1)").run(lateOnFirst);
  const id = t.core.ctx.db.prepare('SELECT id FROM applications WHERE registered_at = ?').pluck().get(lateOnFirst) as string;
  assert.ok((await walked({ from: '2025-06-01', to: '2025-06-01' })).includes(id));
  assert.ok(!(await walked({ from: '2025-06-02', to: '2025-06-02' })).includes(id));
});
