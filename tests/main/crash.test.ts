import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { seedDemoOffice, startDemoWorld } from '../../bin/demo';
import { runCli } from '../../main/cli/index';
import { createCore } from '../../main/core';
import { databasePath } from '../../main/storage';
import { setNetworkSettings } from '../../main/services/pki-settings';
import { tempDir } from '../support/temp';
import { PROVISIONAL_FROM } from '../../domain/sync/licence-numbers';

/** How many times the workstation is killed mid-work (`npm run test:crash` sets more). */
const KILLS = Number(process.env.AJO_CRASH_KILLS ?? 30);

/** A small seeded generator: the same kill moments on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await runCli(args, { out: (line) => out.push(line), err: (line) => out.push(line), env: {} });
  return { code, out: out.join('\n') };
}

/** The numbers the office gave, by kind, as sequence numbers. */
function sequences(db: Database.Database) {
  const tail = (rows: { n: string }[], pattern: RegExp) => rows.map((r) => Number(pattern.exec(r.n)![1])).sort((a, b) => a - b);
  return {
    journal: tail(db.prepare('SELECT journal_number AS n FROM applications WHERE journal_number IS NOT NULL').all() as { n: string }[], /-(\d{5})$/),
    // A desk not enrolled with a registry numbers its licences provisionally, from PROVISIONAL_FROM + 1.
    licences: tail(db.prepare("SELECT number AS n FROM decisions WHERE kind = 'licence'").all() as { n: string }[], /(\d{8})$/).map((seq) => seq - PROVISIONAL_FROM),
    refusals: tail(db.prepare("SELECT number AS n FROM decisions WHERE kind = 'refusal'").all() as { n: string }[], /R(\d{5})$/),
  };
}

test(`the workstation killed with SIGKILL ${KILLS} times mid-work: the database checks out, the audit chain holds, nothing acknowledged is lost, no number skipped`, { timeout: 1_800_000 }, async (t) => {
  const dir = tempDir('ajo-crash-');
  const acks = join(dir.path, 'acks.jsonl');
  try {
    // An office like the demo's, working offline (the kills would leave online checks waiting for a dead port).
    const world = await startDemoWorld(dir.path, { createNca: true });
    const core = createCore({ dataDir: dir.path, gatewayUrl: world.simulators.url, resumeBackgroundWork: false });
    const pki = (await seedDemoOffice(core, dir.path, world.nca!))!;
    setNetworkSettings(core.ctx, { online: false, tsaUrl: null, tsaPolicy: null, ocspUrl: null }, null);
    await core.close();
    await world.simulators.close();

    const next = random(20261203);
    const keys = JSON.stringify({ clerk: pki.clerkKeyFile, head: pki.headKeyFile });
    for (let kill = 1; kill <= KILLS; kill++) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/crash-child.ts', dir.path, acks, keys], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
        void exited.then((code) => reject(new Error(`the workstation stopped by itself (${code}): ${stderr}`)));
      });
      await sleep(Math.floor(next() * 2500));
      child.kill('SIGKILL');
      assert.equal(await exited, null, `round ${kill}: ${stderr}`);

      const check = await cli(['db', 'check', '--data-dir', dir.path]);
      assert.equal(check.code, 0, `round ${kill}: db check: ${check.out}`);
      const audit = await cli(['audit', 'verify', '--data-dir', dir.path]);
      assert.equal(audit.code, 0, `round ${kill}: audit verify: ${audit.out}`);

      const db = new Database(databasePath(dir.path), { readonly: true });
      try {
        const acknowledged = existsSync(acks) ? readFileSync(acks, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { id: string; step: string; journalNumber?: string; number?: string }) : [];
        for (const ack of acknowledged) {
          const app = db.prepare('SELECT status, journal_number AS journalNumber FROM applications WHERE id = ?').get(ack.id) as { status: string; journalNumber: string | null } | undefined;
          assert.ok(app, `round ${kill}: acknowledged ${ack.step} of ${ack.id}, but the application is gone`);
          if (ack.journalNumber) assert.equal(app.journalNumber, ack.journalNumber, `round ${kill}`);
          if (ack.number) assert.deepEqual(db.prepare('SELECT number FROM decisions WHERE application_id = ?').get(ack.id), { number: ack.number }, `round ${kill}`);
        }
        for (const [kind, numbers] of Object.entries(sequences(db))) {
          assert.deepEqual(numbers, numbers.map((_, i) => i + 1), `round ${kill}: ${kind} numbers skip: ${numbers.join(',')}`);
        }
      } finally {
        db.close();
      }
    }
    const db = new Database(databasePath(dir.path), { readonly: true });
    const made = sequences(db);
    db.close();
    t.diagnostic(`${KILLS} kills; ${made.journal.length} applications registered, ${made.licences.length} licences and ${made.refusals.length} refusals signed, every number in sequence`);
    // The kills fell on real work, not on an idle process.
    assert.ok(made.licences.length + made.refusals.length >= KILLS / 3, JSON.stringify(made));
  } finally {
    dir.remove();
  }
});
