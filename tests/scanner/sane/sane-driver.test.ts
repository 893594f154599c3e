import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ScannerError } from '../../../scanner/drivers/driver';
import { SaneDriver } from '../../../scanner/sane/sane-driver';
import { saneTestConfig } from '../../support/sane';
import { tempDir } from '../../support/temp';

/** The SANE driver against Debian's `test` backend through the real scanimage. */
async function withDriver<T>(settings: Record<string, string>, work: (driver: SaneDriver) => Promise<T>): Promise<T> {
  const config = saneTestConfig(settings);
  try {
    return await work(new SaneDriver({ env: config.env }));
  } finally {
    config.remove();
  }
}

const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

test('devices and their capabilities are read from scanimage', () =>
  withDriver({}, async (driver) => {
    const devices = await driver.listDevices();
    assert.deepEqual(devices.map((d) => d.id), ['sane:test:0', 'sane:test:1']);
    const caps = await driver.capabilities('sane:test:0');
    assert.deepEqual(caps.sources, ['flatbed', 'feeder']);
    assert.deepEqual(caps.modes, ['color', 'gray']);
    assert.ok(caps.resolutions.includes(75) && caps.resolutions.includes(300));
  }));

test('a flatbed scan gives one page at the asked resolution; a feeder batch gives its ten pages', () =>
  withDriver({}, async (driver) => {
    const flatbed = await driver.scan('sane:test:0', { source: 'flatbed', mode: 'gray', resolution: 150 });
    assert.equal(flatbed.problem, null);
    assert.equal(flatbed.pages.length, 1);
    // The test device's default area is 80 × 100 mm.
    assert.deepEqual(pngSize(flatbed.pages[0]!.png), { width: Math.floor((80 / 25.4) * 150), height: Math.floor((100 / 25.4) * 150) });
    const progress: number[] = [];
    const feeder = await driver.scan('sane:test:0', { source: 'feeder', mode: 'gray', resolution: 75 }, (n) => progress.push(n));
    assert.equal(feeder.problem, null, 'an empty feeder after the last page is the normal end');
    assert.equal(feeder.pages.length, 10);
    assert.deepEqual(progress, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  }));

for (const [status, problem] of [
  ['SANE_STATUS_JAMMED', 'jammed'],
  ['SANE_STATUS_NO_DOCS', 'no-documents'],
  ['SANE_STATUS_COVER_OPEN', 'cover-open'],
] as const) {
  test(`the device reporting ${status} ends the batch with "${problem}" and no broken page`, () =>
    withDriver({ 'read-status-code': `"${status}"` }, async (driver) => {
      const outcome = await driver.scan('sane:test:0', { source: 'feeder', mode: 'gray', resolution: 75 });
      assert.equal(outcome.problem, problem);
      assert.equal(outcome.pages.length, 0);
    }));
}

test('a scanimage that hangs after saying its batch is over is stopped within seconds, and the batch stands', async () => {
  // Debian's test backend does this about one run in a hundred; this stand-in does it every time.
  const bin = tempDir();
  const wrapper = join(bin.path, 'scanimage');
  writeFileSync(wrapper, '#!/bin/sh\nscanimage "$@"\ncode=$?\ncase "$*" in *--batch=*) sleep 30 ;; esac\nexit $code\n');
  chmodSync(wrapper, 0o755);
  const config = saneTestConfig({ 'read-status-code': '"SANE_STATUS_NO_DOCS"' });
  try {
    const started = Date.now();
    const empty = await new SaneDriver({ command: wrapper, env: config.env }).scan('sane:test:0', { source: 'feeder', mode: 'gray', resolution: 75 });
    assert.deepEqual([empty.problem, empty.pages.length], ['no-documents', 0]);
    config.set({});
    const batch = await new SaneDriver({ command: wrapper, env: config.env }).scan('sane:test:0', { source: 'feeder', mode: 'gray', resolution: 75 });
    assert.deepEqual([batch.problem, batch.pages.length], [null, 10]);
    assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
  } finally {
    config.remove();
    bin.remove();
  }
});

test('settings the device does not offer, an unknown device and a missing scanimage are refused clearly', () =>
  withDriver({}, async (driver) => {
    await assert.rejects(driver.scan('sane:test:0', { source: 'feeder-duplex', mode: 'gray', resolution: 75 }), (e: ScannerError) => e.problem === 'unsupported-setting');
    await assert.rejects(driver.scan('sane:test:0', { source: 'flatbed', mode: 'lineart', resolution: 75 }), (e: ScannerError) => e.problem === 'unsupported-setting');
    await assert.rejects(driver.capabilities('sane:nope:9'), (e: ScannerError) => e.problem === 'unknown-device');
    await assert.rejects(new SaneDriver({ command: 'scanimage-not-installed' }).listDevices(), (e: ScannerError) => e.problem === 'driver-missing');
  }));
