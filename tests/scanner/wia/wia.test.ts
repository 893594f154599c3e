import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { ScannerError } from '../../../scanner/drivers/driver';
import { WiaDriver } from '../../../scanner/wia/wia-driver';
import { parseWiaOutput, problemOf, WiaOutputError } from '../../../scanner/wia/wia-output';
import { encodedCommand, powershellArgs, psString, scanScript } from '../../../scanner/wia/wia-script';
import { tempDir } from '../../support/temp';

/** WIA cannot run on Linux: what the driver builds and how it reads the answers are tested here. */
const FAKE = join(import.meta.dirname, '..', '..', 'support', 'fake-powershell.mjs');
const DEVICE = 'wia:{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001';
const pages = tempDir('ajo-wia-pages-');
before(async () => {
  for (const shade of [40, 120, 200]) {
    writeFileSync(join(pages.path, `${shade}.png`), await sharp({ create: { width: 100, height: 140, channels: 3, background: { r: shade, g: shade, b: shade } } }).png().toBuffer());
  }
  process.env.FAKE_WIA_PAGES = pages.path;
});
after(() => pages.remove());

test('strings reach PowerShell verbatim: quotes doubled, typographic ones too, control characters refused', () => {
  assert.equal(psString("O'Brien"), "'O''Brien'");
  assert.equal(psString('Canon ’DR’'), "'Canon ’’DR’’'");
  assert.equal(psString('C:\\Users\\Әлия\\$env:TEMP'), "'C:\\Users\\Әлия\\$env:TEMP'", 'nothing expands inside single quotes');
  assert.throws(() => psString('a\nb'), RangeError);
  const script = "Emit @{ name = 'Сканер' }";
  assert.equal(Buffer.from(encodedCommand(script), 'base64').toString('utf16le'), script);
  assert.deepEqual(powershellArgs(script).slice(0, 5), ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
});

test('the scan script selects the source, intent and resolution, and keeps a hostile device id inside its literal', () => {
  const feeder = scanScript({ deviceId: 'X', source: 'feeder-duplex', mode: 'lineart', resolution: 300, outDir: 'C:\\Temp\\ajo-wia-1' });
  assert.match(feeder, /Set-WiaProperty \$device\.Properties 3088 5\b/);
  assert.match(feeder, /Set-WiaProperty \$item\.Properties 6146 4\b/);
  assert.match(feeder, /Set-WiaProperty \$item\.Properties 6147 300\b/);
  assert.match(feeder, /\$feeder = \$true/);
  const flatbed = scanScript({ deviceId: 'X', source: 'flatbed', mode: 'color', resolution: 150, outDir: 'C:\\T' });
  assert.match(flatbed, /3088 2\b/);
  assert.match(flatbed, /\$feeder = \$false/);
  const hostile = scanScript({ deviceId: "x'; Remove-Item -Recurse C:\\; '", source: 'flatbed', mode: 'gray', resolution: 150, outDir: 'C:\\T' });
  assert.ok(hostile.includes("Connect-Scanner 'x''; Remove-Item -Recurse C:\\; '''"));
  assert.throws(() => scanScript({ deviceId: 'X', source: 'flatbed', mode: 'gray', resolution: 5000, outDir: 'C:\\T' }), RangeError);
});

test('answers are read strictly, and WIA errors become what the clerk can act on', () => {
  assert.deepEqual(parseWiaOutput('\uFEFF{"id":"a","name":"Сканер"}\r\n{"done":true}\r\n'), [{ id: 'a', name: 'Сканер' }, { done: true }]);
  assert.throws(() => parseWiaOutput('WARNING: something'), WiaOutputError);
  assert.throws(() => parseWiaOutput('{"page":1,"file":"x","extra":1}'), WiaOutputError);
  const empty = -2145320957; // 0x80210003 as PowerShell prints it, signed
  assert.equal(problemOf(empty, 0), 'no-documents');
  assert.equal(problemOf(empty, 3), null, 'the feeder ran out: the batch is done');
  assert.equal(problemOf(0x80210002, 2), 'jammed');
  assert.equal(problemOf(0x80210016, 0), 'cover-open');
  assert.equal(problemOf(0x80210006, 0), 'device-busy');
  assert.equal(problemOf(0x80210005, 1), 'device-gone');
  assert.equal(problemOf(0x80004005, 0), 'failed');
});

test('on Windows (a stand-in PowerShell here): devices, capabilities, a feeder batch to the end, a jam keeping its pages', async () => {
  assert.deepEqual(await new WiaDriver({ platform: 'linux' }).listDevices(), [], 'no WIA off Windows');
  const driver = new WiaDriver({ command: FAKE });
  assert.deepEqual(await driver.listDevices(), [{ id: DEVICE, driver: 'wia', name: 'Canon DR-C225 (WIA)' }]);
  const caps = await driver.capabilities(DEVICE);
  assert.deepEqual(caps.sources, ['flatbed', 'feeder', 'feeder-duplex']);
  assert.deepEqual(caps.resolutions, [75, 100, 150, 200, 240, 300, 400, 600, 1200], 'a range offered as its usual steps');

  process.env.FAKE_WIA_END = String(-2145320957);
  const seen: number[] = [];
  const batch = await driver.scan(DEVICE, { source: 'feeder', mode: 'gray', resolution: 200 }, (n) => seen.push(n));
  assert.deepEqual([batch.pages.length, batch.problem, seen], [3, null, [1, 2, 3]]);
  assert.deepEqual(batch.pages.map((p) => p.resolution), [200, 200, 200]);

  process.env.FAKE_WIA_END = String(0x80210002 | 0);
  const jam = await driver.scan(DEVICE, { source: 'feeder', mode: 'gray', resolution: 200 });
  assert.deepEqual([jam.pages.length, jam.problem], [3, 'jammed']);

  const flatbed = await driver.scan(DEVICE, { source: 'flatbed', mode: 'color', resolution: 300 });
  assert.deepEqual([flatbed.pages.length, flatbed.problem], [1, null]);

  await assert.rejects(driver.scan(DEVICE, { source: 'flatbed', mode: 'color', resolution: 333 }), (e: unknown) => e instanceof ScannerError && e.problem === 'unsupported-setting');
  await assert.rejects(driver.capabilities('wia:{other}\\0002'), (e: unknown) => e instanceof ScannerError && e.problem === 'unknown-device');
  await assert.rejects(new WiaDriver({ command: '/nonexistent/powershell.exe' }).listDevices(), (e: unknown) => e instanceof ScannerError && e.problem === 'driver-missing');
});
