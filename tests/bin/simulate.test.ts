import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { test } from 'node:test';
import { issueEnrolmentCode } from '../../registry/enrolment/enrolment';
import { DEMO_AUTHORITY } from '../../main/demo/seed';
import { startTestRegistry, REGISTRY_BACKENDS, trustRootPem } from '../support/registry';
import { tempDir } from '../support/temp';

const AJO = fileURLToPath(new URL('../../bin/ajo.mjs', import.meta.url));

/** `ajo …` as an operator runs it; this process keeps serving the registry meanwhile. */
function ajo(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [AJO, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  return new Promise((resolve) => child.once('exit', (status) => resolve({ status, stdout, stderr })));
}

test('ajo simulate fills an enrolled demo office with days of signed work that ajo sync then brings to the registry, every command accepted', async () => {
  const registry = await startTestRegistry(REGISTRY_BACKENDS.at(-1)!);
  const dir = tempDir('ajo-simulate-');
  try {
    // An empty folder becomes the demo office at the first simulated day's start: one day of nothing first, to enrol it.
    assert.equal((await ajo(['simulate', '--days', '1', '--per-day', '1', '--data-dir', dir.path])).status, 0);
    await trustRootPem(registry.db, join(dir.path, 'demo-pki', 'demo-root-ca.pem'));
    const { code } = await issueEnrolmentCode(registry.db, { authorityBin: DEMO_AUTHORITY.bin, officeCode: DEMO_AUTHORITY.officeCode }, new Date());
    const enrolled = await ajo(['enroll', '--registry', registry.url, '--code', code, '--data-dir', dir.path]);
    assert.equal(enrolled.status, 0, enrolled.stderr);
    // The day simulated before enrolment signed its licence with a provisional number: the registry refuses that one.
    const first = await ajo(['sync', '--data-dir', dir.path]);
    assert.equal(first.status, 0, first.stderr);
    assert.equal((JSON.parse(first.stdout) as { rejected: number }).rejected, 1);

    const simulated = await ajo(['simulate', '--days', '2', '--per-day', '3', '--data-dir', dir.path]);
    assert.equal(simulated.status, 0, simulated.stderr);
    assert.deepEqual(JSON.parse(simulated.stdout.trim().split('\n').at(-1)!), { day: 2, registered: 6, issued: 6, refused: 0, documents: 12 });
    const synced = await ajo(['sync', '--data-dir', dir.path]);
    assert.equal(synced.status, 0, synced.stderr);
    const report = JSON.parse(synced.stdout) as { accepted: number; rejected: number; waiting: number };
    // How far it got, told on stderr as it goes: every file, then every command, up.
    assert.match(synced.stderr, /^files (\d+)\/\1$/m);
    assert.match(synced.stderr, /^commands 24\/24$/m);
    assert.deepEqual({ accepted: report.accepted, rejected: report.rejected, waiting: report.waiting }, { accepted: 24, rejected: 0, waiting: 0 });
    const status = JSON.parse((await ajo(['sync', 'status', '--json', '--data-dir', dir.path])).stdout) as { waiting: number; accepted: number; rejected: number };
    assert.deepEqual({ waiting: status.waiting, accepted: status.accepted, rejected: status.rejected }, { waiting: 0, accepted: 27, rejected: 1 });
  } finally {
    dir.remove();
    await registry.close();
  }
});
