import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../support/temp';

test("CI runs exactly the README's test command, and that command checks the system tools first", () => {
  const ci = readFileSync('.ci/run', 'utf8').split('\n').filter((line) => line.trim() && !line.startsWith('#') && !/^(set|cd) /.test(line));
  assert.deepEqual(ci, ['npm ci && npm test']);
  assert.match(readFileSync('README.md', 'utf8'), /^npm ci && npm test\s/m);
  const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
  assert.match(scripts.test!, /^node scripts\/system-tools\.mjs && /);
});

test('with everything there it says nothing; where it may not install, it stops at once with the command that would', (t) => {
  const quiet = spawnSync(process.execPath, ['scripts/system-tools.mjs'], { encoding: 'utf8' });
  assert.equal(quiet.status, 0, quiet.stderr);
  assert.equal(quiet.stdout, '');

  if (process.getuid?.() !== 0 || spawnSync('sh', ['-c', 'command -v su'], { stdio: 'ignore' }).status !== 0) return t.skip('needs root to run the check as an unprivileged user');
  const dir = tempDir();
  try {
    chmodSync(dir.path, 0o755);
    copyFileSync('scripts/system-tools.mjs', join(dir.path, 'system-tools.mjs'));
    // As `nobody` (no sudo), with a Chromium that is not there.
    const run = spawnSync('su', ['-s', '/bin/sh', 'nobody', '-c', `CHROMIUM_PATH=/nonexistent/chromium ${process.execPath} ${join(dir.path, 'system-tools.mjs')}`], { encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /The tests need: Chromium/);
    assert.match(run.stderr, /sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends chromium'/);
  } finally {
    dir.remove();
  }
});
