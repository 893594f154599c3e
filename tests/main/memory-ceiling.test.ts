import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { imageBombPdf } from '../support/bombs';
import { tempDir } from '../support/temp';

/** What the issue allows a refusal to cost: the process's peak resident memory. */
const CEILING_BYTES = 300 * 1024 * 1024;

/** Runs a Node program as its own process and returns what it printed, its exit code and its peak memory. */
function measured(args: string[], dir: string) {
  const report = join(dir, 'max-rss');
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'tests/support/max-rss.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, AJO_MAX_RSS_FILE: report },
    timeout: 120_000,
  });
  return { ...run, maxRss: Number(readFileSync(report, 'utf8')) };
}

test('a PDF declaring one 30000×30000 image is refused by `ajo ocr` with a clear message, under 300 MB', async (t) => {
  const dir = tempDir();
  try {
    const bomb = join(dir.path, 'bomb.pdf');
    writeFileSync(bomb, await imageBombPdf());
    const run = measured(['bin/ajo.mjs', 'ocr', bomb], dir.path);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /cannot read it \(an image in it is larger than 100 megapixels\)/);
    t.diagnostic(`peak resident memory ${Math.round(run.maxRss / 2 ** 20)} MB (ceiling ${CEILING_BYTES / 2 ** 20} MB)`);
    assert.ok(run.maxRss < CEILING_BYTES, `peak ${Math.round(run.maxRss / 2 ** 20)} MB`);
  } finally {
    dir.remove();
  }
});

test('the same PDF brought to the scan tray (`scanner.import`) is refused as too large, under 300 MB, and the tray stays empty', async (t) => {
  const dir = tempDir();
  try {
    const bomb = join(dir.path, 'bomb.pdf');
    writeFileSync(bomb, await imageBombPdf());
    const run = measured(['tests/support/import-child.ts', join(dir.path, 'data'), bomb], dir.path);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { reply: { ok: false, error: { code: 'invalid-input', reason: 'file-image-too-large' } }, trayPages: 0 });
    t.diagnostic(`peak resident memory ${Math.round(run.maxRss / 2 ** 20)} MB (ceiling ${CEILING_BYTES / 2 ** 20} MB)`);
    assert.ok(run.maxRss < CEILING_BYTES, `peak ${Math.round(run.maxRss / 2 ** 20)} MB`);
  } finally {
    dir.remove();
  }
});
