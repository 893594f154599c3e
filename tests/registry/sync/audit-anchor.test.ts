import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { runCli } from '../../../main/cli/index';
import { DEMO_AUTHORITY } from '../../../main/demo/seed';
import { enrolDesk, openEnrolment } from '../../../main/sync/enrol';
import { syncRound } from '../../../main/sync/round';
import { registryTransport } from '../../../main/sync/transport';
import { entryOf, type StoredEntry } from '../../../db/audit/entries';
import { entryHash, GENESIS, type Write } from '../../../db/audit/hashes';
import { issueEnrolmentCode } from '../../../registry/enrolment/enrolment';
import { startTestCore } from '../../support/core';
import { REGISTRY_BACKENDS, startTestRegistry, trustRootPem } from '../../support/registry';
import { readyForDecision } from '../../support/workflow';

/** Every entry hashed again in order, after an edit: a chain consistent in itself, which only an outside anchor can catch. */
function rewriteWholeChain(file: string, edit: (db: Database.Database) => void) {
  const db = new Database(file);
  try {
    db.transaction(() => {
      edit(db);
      let previous = GENESIS;
      const rows = db.prepare('SELECT seq, prev_hash, id, at, actor_id, entity, entity_id, type, payload, writes FROM events ORDER BY seq').all() as (StoredEntry & { writes: string })[];
      const update = db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?');
      for (const row of rows) {
        const hash = entryHash(entryOf({ ...row, prev_hash: previous }, JSON.parse(row.writes) as Write[]));
        update.run(previous, hash, row.seq);
        previous = hash;
      }
    })();
  } finally {
    db.close();
  }
}

for (const backend of REGISTRY_BACKENDS) {
  test(`[${backend}] finding 9: a whole audit chain rewritten after a sync passes on its own and is caught against the registry's anchor`, async () => {
    const [t, registry] = await Promise.all([startTestCore(), startTestRegistry(backend)]);
    try {
      await trustRootPem(registry.db, t.pki.rootPem);
      const { code } = await issueEnrolmentCode(registry.db, { authorityBin: DEMO_AUTHORITY.bin, officeCode: DEMO_AUTHORITY.officeCode }, new Date());
      await enrolDesk(t.core.ctx, { registryUrl: registry.url, code, deskName: 'desk 1' });
      await readyForDecision(t);
      const enrolment = openEnrolment(t.core.ctx)!;
      const transport = registryTransport(enrolment.registryUrl, enrolment);
      await syncRound(t.core.ctx, transport, enrolment, { leaseSize: 10 }).finally(() => transport.close());
      const [anchor] = await registry.db.query<{ seq: number }>('SELECT max(seq) AS seq FROM audit_anchors');
      assert.ok(anchor!.seq > 0, 'the push carried the chain’s head');

      const out: string[] = [];
      const io = { out: (line: string) => out.push(line), err: () => undefined, env: { ...process.env, AJO_DATA_DIR: t.dataDir } };
      assert.equal(await runCli(['audit', 'verify'], io), 0);
      assert.equal(JSON.parse(out.at(-1)!).anchored.state, 'matches');

      // Someone with the database file changes a failed sign-in into nothing and hashes the whole chain again.
      rewriteWholeChain(join(t.dataDir, 'ajo.sqlite'), (db) => db.prepare("UPDATE events SET at = '2026-01-01T00:00:00.000Z' WHERE seq = 1").run());
      out.length = 0;
      assert.equal(await runCli(['audit', 'verify'], io), 1);
      const report = JSON.parse(out.at(-1)!) as { firstBroken: unknown; anchored: { state: string }; ok: boolean };
      assert.equal(report.firstBroken, null, 'the rewritten chain is consistent in itself');
      assert.equal(report.anchored.state, 'rewritten');
      assert.equal(report.ok, false);
    } finally {
      await t.close();
      await registry.close();
    }
  });
}
