import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openRegistryDb } from '../../../registry/db/open';
import { verifyOperatorLog } from '../../../registry/admin/operator-log';
import { issueEnrolmentCode, revokeDesk } from '../../../registry/enrolment/enrolment';
import { publishCalendarYear } from '../../../registry/reference/publish';
import { CalendarYear } from '../../../domain/calendar/working-days';
import { enrolTestDesk } from '../../support/registry-desk';
import { freshRegistryStorage, REGISTRY_BACKENDS } from '../../support/registry';
import { readFileSync } from 'node:fs';

for (const backend of REGISTRY_BACKENDS) {
  test(`[${backend}] the operators' own actions are chained with them: an entry edited or removed shows`, async () => {
    const storage = await freshRegistryStorage(backend);
    const db = await openRegistryDb(storage.storage);
    try {
      const office = { authorityBin: '000140000028', officeCode: 'ALM' };
      const { code } = await issueEnrolmentCode(db, office, new Date());
      const desk = await enrolTestDesk(db, office);
      assert.equal(await revokeDesk(db, desk.clientId, new Date()), true);
      await publishCalendarYear(db, CalendarYear.parse(JSON.parse(readFileSync('assets/calendar/kz-2026.json', 'utf8'))));
      const rows = await db.query<{ action: string; detail: Record<string, unknown> }>('SELECT action, detail FROM operator_log ORDER BY seq');
      assert.deepEqual(rows.map((r) => r.action), ['enrolment-code', 'enrolment-code', 'desk-revoked', 'published']);
      assert.ok(!JSON.stringify(rows).includes(code), 'no enrolment code is ever logged');
      assert.deepEqual(await verifyOperatorLog(db), { ok: true, entries: 4, firstBroken: null });
      // Someone with the database hides the withdrawal of a desk.
      await db.query(`UPDATE operator_log SET detail = '{"clientId":"someone-else"}' WHERE action = 'desk-revoked'`);
      assert.deepEqual((await verifyOperatorLog(db)).firstBroken, { seq: 3, problem: 'edited' });
      await db.query("DELETE FROM operator_log WHERE action = 'desk-revoked'");
      assert.deepEqual((await verifyOperatorLog(db)).firstBroken, { seq: 4, problem: 'missing-entries-before' });
    } finally {
      await db.close();
      await storage.remove();
    }
  });
}
