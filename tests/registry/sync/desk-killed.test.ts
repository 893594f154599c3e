import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { startTestRegistry, REGISTRY_BACKENDS } from '../../support/registry';
import { SyncOffice } from '../../support/sync-office';

const AJO = fileURLToPath(new URL('../../../bin/ajo.mjs', import.meta.url));

test('a desk killed with SIGKILL in the middle of `ajo sync` loses and repeats nothing: the next `ajo sync` finishes the job', async () => {
  const registry = await startTestRegistry(REGISTRY_BACKENDS.at(-1)!);
  const office = new SyncOffice('ALM', '000140000028');
  try {
    await office.enrol(registry.db, registry.url);
    for (let i = 0; i < 1500; i++) office.act((i * 7919) % 10_000 / 10_000, (i * 104_729) % 10_000 / 10_000);
    const total = office.outbox().length;

    const child = spawn(process.execPath, [AJO, 'sync', '--data-dir', office.dataDir], { stdio: 'ignore' });
    const acknowledged = () => (office.db.prepare("SELECT count(*) AS n FROM outbox WHERE state <> 'waiting'").get() as { n: number }).n;
    // Killed as soon as part of the outbox is acknowledged, with more on its way.
    while (acknowledged() === 0 && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const before = acknowledged();
    assert.ok(before > 0 && before < total, `killed after ${before} of ${total}`);

    // Run the way an operator would, while this process serves the registry (so not spawnSync).
    const again = spawn(process.execPath, [AJO, 'sync', '--data-dir', office.dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    again.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    again.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const status = await new Promise<number | null>((resolve) => again.once('exit', resolve));
    assert.equal(status, 0, stderr);
    const report = JSON.parse(stdout) as { waiting: number; pushed: number };
    assert.equal(report.waiting, 0);

    const outbox = office.outbox();
    const results = await registry.db.query<{ mutation_id: number; event_id: string; outcome: string }>(
      'SELECT mutation_id, event_id, outcome FROM mutation_results WHERE client_id = $1 ORDER BY mutation_id',
      [office.enrolment.clientId],
    );
    assert.deepEqual(
      results.map((r) => [r.mutation_id, r.event_id, r.outcome]),
      outbox.map((r) => [r.mutationId, r.eventId, r.state]),
    );
    assert.ok(outbox.every((r) => r.state === office.expected.get(r.mutationId)));
  } finally {
    office.close();
    await registry.close();
  }
});
