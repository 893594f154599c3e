import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { verifyAudit } from '../../../db/audit/verify';
import { setSetting } from '../../../db/repositories/settings';
import { inTransaction } from '../../../main/context';
import { startTestCore, type TestCore } from '../../support/core';
import { tempDir } from '../../support/temp';
import { headKey, readyForDecision } from '../../support/workflow';

/** A day's work through the real core; each forgery below is made on a copy of its SQLite file, by another connection. */
let t: TestCore;
let decisionId: string;
let readyId: string;
const copies = tempDir('ajo-audit-');
before(async () => {
  t = await startTestCore();
  const issued = await readyForDecision(t);
  decisionId = (await issued.head['decisions.issueLicence']({ applicationId: issued.app.id, ...headKey(t) })).decision!.id;
  readyId = (await readyForDecision(t)).app.id;
});
after(async () => {
  await t.close();
  copies.remove();
});

let copyNumber = 0;
/** A consistent copy of the office's database, opened as another program would open it. */
function forgeable(): Database.Database {
  const file = join(copies.path, `copy-${++copyNumber}.sqlite`);
  t.core.ctx.db.exec(`VACUUM INTO '${file}'`);
  return new Database(file);
}

const entryCount = (db: Database.Database) => (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

test("a day's work verifies: every entry is linked to the one before and every audited row is vouched for", () => {
  const report = verifyAudit(t.core.ctx.db);
  assert.equal(report.ok, true, JSON.stringify(report));
  assert.ok(report.entries > 20);
});

test('an edited entry is found where it is', () => {
  const db = forgeable();
  db.prepare("UPDATE events SET payload = replace(payload, 'executorId', 'executorID') WHERE type = 'application.assigned'").run();
  const seq = (db.prepare("SELECT min(seq) AS seq FROM events WHERE type = 'application.assigned'").get() as { seq: number }).seq;
  assert.deepEqual(verifyAudit(db).firstBroken?.seq, seq);
  assert.equal(verifyAudit(db).firstBroken?.problem, 'edited');
  db.close();
});

test('a deleted entry is found at the entry after it', () => {
  const db = forgeable();
  const seq = (db.prepare("SELECT min(seq) AS seq FROM events WHERE type = 'checklist.set'").get() as { seq: number }).seq;
  db.prepare('DELETE FROM events WHERE seq = ?').run(seq);
  const report = verifyAudit(db);
  assert.equal(report.ok, false);
  assert.deepEqual([report.firstBroken?.seq, report.firstBroken?.problem], [seq + 1, 'missing-entries-before']);
  db.close();
});

test('an inserted entry is found, in the middle or at the end', () => {
  const middle = forgeable();
  const seq = Math.floor(entryCount(middle) / 2);
  // Make room and slip a copy of an earlier entry in, with a link that looks right.
  const shift = middle.prepare('SELECT seq FROM events WHERE seq >= ? ORDER BY seq DESC').all(seq) as { seq: number }[];
  for (const { seq: s } of shift) middle.prepare('UPDATE events SET seq = seq + 1 WHERE seq = ?').run(s);
  middle
    .prepare("INSERT INTO events (id, at, actor_id, entity, entity_id, type, payload, seq, prev_hash, hash, writes) SELECT '01900000-0000-7000-8000-000000000001', at, actor_id, entity, entity_id, type, payload, ?, hash, hash, writes FROM events WHERE seq = ?")
    .run(seq, seq - 1);
  const inMiddle = verifyAudit(middle);
  assert.deepEqual([inMiddle.firstBroken?.seq, inMiddle.firstBroken?.problem], [seq, 'edited']);
  middle.close();

  const end = forgeable();
  const last = end.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
  end
    .prepare("INSERT INTO events (id, at, actor_id, entity, entity_id, type, payload, seq, prev_hash, hash, writes) VALUES ('01900000-0000-7000-8000-000000000002', '2026-12-01T09:00:00Z', NULL, 'application', 'x', 'licence.issued', '{}', ?, ?, ?, '[]')")
    .run(last.seq + 1, last.hash, 'f'.repeat(64));
  assert.deepEqual(verifyAudit(end).firstBroken?.problem, 'edited');
  end.close();
});

test("a row changed, added or removed behind the app's back is found, with its table and key", () => {
  const cases: [string, (db: Database.Database) => void, string, string][] = [
    ['signer edited', (db) => db.prepare("UPDATE decisions SET signer_name = 'Басқа Адам', signer_iin = '621012400231' WHERE id = ?").run(decisionId), 'decisions', 'changed-outside-the-app'],
    ['issued without a decision', (db) => db.prepare("UPDATE applications SET status = 'issued' WHERE id = ?").run(readyId), 'applications', 'changed-outside-the-app'],
    ['a user added', (db) => db.prepare("INSERT INTO users (id, username, full_name, password_hash, created_at) VALUES ('u-forged', 'forged', 'F', 'x', '2026')").run(), 'users', 'not-written-by-an-action'],
    ['a checklist answer removed', (db) => db.prepare('DELETE FROM checklist WHERE application_id = ? AND rowid = (SELECT min(rowid) FROM checklist WHERE application_id = ?)').run(readyId, readyId), 'checklist', 'deleted-outside-the-app'],
  ];
  for (const [what, forge, table, problem] of cases) {
    const db = forgeable();
    forge(db);
    const report = verifyAudit(db);
    assert.equal(report.ok, false, what);
    assert.equal(report.firstBroken, null, `${what}: the chain itself is intact`);
    assert.deepEqual(report.rows.map((r) => [r.table, r.problem]), [[table, problem]], what);
    db.close();
  }
});

test('an action that writes an audited table without its audit entry is rolled back', () => {
  const before = verifyAudit(t.core.ctx.db);
  assert.throws(() => inTransaction(t.core.ctx, () => setSetting(t.core.ctx.db, 'forgotten', 'x')), /audited rows written without an audit entry: settings \["forgotten"\]/);
  assert.equal((t.core.ctx.db.prepare("SELECT count(*) AS n FROM settings WHERE key = 'forgotten'").get() as { n: number }).n, 0);
  assert.deepEqual(verifyAudit(t.core.ctx.db), before);
});
