import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { EsclServer } from '../../support/escl-server';
import { tempDir } from '../../support/temp';

/**
 * The test eSCL server is a peer only if an independent client accepts it: Debian's sane-airscan, through
 * scanimage, reads its capabilities and scans from its flatbed and its feeder. The project's own client
 * is tested against the same server (escl-driver.test.ts).
 */
const run = promisify(execFile);
const config = tempDir('ajo-airscan-');
const pages = tempDir('ajo-airscan-pages-');
let server: EsclServer;
let device: string;

before(async () => {
  writeFileSync(join(config.path, 'dll.conf'), 'airscan\n');
  // No mDNS: only the device named on the command line.
  writeFileSync(join(config.path, 'airscan.conf'), '[options]\ndiscovery = disable\n');
  const page = (shade: number) => sharp({ create: { width: 2480, height: 3508, channels: 3, background: { r: shade, g: shade, b: shade } } }).png().toBuffer();
  server = new EsclServer({ feeder: await Promise.all([40, 120, 200].map(page)) });
  device = `airscan:escl:AJO MFP:${await server.start()}`;
});

after(async () => {
  await server.stop();
  config.remove();
  pages.remove();
});

const scanimage = (args: string[]) => run('scanimage', ['-d', device, ...args], { env: { ...process.env, SANE_CONFIG_DIR: config.path }, encoding: 'buffer', maxBuffer: 64 << 20 });

test('sane-airscan reads the server capabilities', async () => {
  const { stdout } = await scanimage(['-A']);
  const options = stdout.toString();
  assert.match(options, /--resolution 75\|150\|200\|300\|600dpi/);
  assert.match(options, /--source Flatbed\|ADF\|ADF Duplex/);
  assert.match(options, /--mode Color\|Gray/);
});

test('sane-airscan scans a flatbed page at the asked resolution', async () => {
  const { stdout } = await scanimage(['--format=png', '--resolution', '75', '--mode', 'Gray']);
  const meta = await sharp(stdout).metadata();
  assert.deepEqual([meta.width, meta.height, meta.channels], [620, 877, 1]);
});

test('sane-airscan scans the feeder until it is empty, each page as loaded', async () => {
  const batch = join(pages.path, 'p%d.png');
  const { stderr } = await scanimage(['--source', 'ADF', '--format=png', '--resolution', '75', '--mode', 'Gray', `--batch=${batch}`]);
  assert.match(stderr.toString(), /3 pages scanned/);
  const files = readdirSync(pages.path).sort();
  assert.deepEqual(files, ['p1.png', 'p2.png', 'p3.png']);
  const shades = await Promise.all(files.map(async (f) => Math.round((await sharp(readFileSync(join(pages.path, f))).stats()).channels[0]!.mean)));
  assert.deepEqual(shades, [40, 120, 200]);
});

test('sane-airscan reports a jammed feeder as jammed', async () => {
  server.device.feeder.push(await sharp({ create: { width: 100, height: 100, channels: 3, background: 'white' } }).png().toBuffer());
  server.device.adfState = 'ScannerAdfJam';
  try {
    await assert.rejects(scanimage(['--source', 'ADF', '--format=png', '--resolution', '75']), (error: { stderr: Buffer }) => /jammed/i.test(error.stderr.toString()));
  } finally {
    server.device.adfState = null;
  }
});
