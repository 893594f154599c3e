import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import sharp from 'sharp';
import { ScannerError } from '../../../scanner/drivers/driver';
import { EsclDriver, normaliseEsclUrl, snapResolution } from '../../../scanner/escl/escl-driver';
import { EsclServer, type EsclDevice } from '../../support/escl-server';

/** The project's eSCL client against the test MFP that sane-airscan accepts (airscan-peer.test.ts). */
let server: EsclServer;
afterEach(() => server?.stop());

const shadePage = (shade: number) => sharp({ create: { width: 2480, height: 3508, channels: 3, background: { r: shade, g: shade, b: shade } } }).png().toBuffer();
const feederOf = (count: number) => Promise.all(Array.from({ length: count }, (_, i) => shadePage(40 + 50 * i)));

async function start(device: Partial<EsclDevice> = {}) {
  server = new EsclServer(device);
  const url = await server.start();
  const driver = new EsclDriver({ devices: () => [{ url, name: 'AJO Test MFP 3000' }], retryDelayMs: 5, busyRetries: 3, notReadyRetries: 3 });
  return { driver, id: `escl:${url}` };
}

const meanShade = async (png: Buffer) => Math.round((await sharp(png).stats()).channels[0]!.mean);
const posted = () => server.requests.filter((r) => r.method === 'POST').map((r) => r.body);
const xmlValue = (xml: string, name: string) => new RegExp(`<\\w+:${name}>([^<]*)<`).exec(xml)?.[1];

test('devices are the known ones; their sources, modes and resolutions come from the device', async () => {
  const { driver, id } = await start({ modes: ['Grayscale8', 'RGB24'] });
  assert.deepEqual(await driver.listDevices(), [{ id, driver: 'escl', name: 'AJO Test MFP 3000' }]);
  const caps = await driver.capabilities(id);
  assert.deepEqual(caps.sources, ['flatbed', 'feeder', 'feeder-duplex']);
  assert.deepEqual(caps.modes, ['color', 'gray', 'lineart'], 'black-and-white is offered, made from grey');
  assert.deepEqual(caps.resolutions, [75, 150, 200, 300, 600]);
});

test('a device that is not in the list is never contacted', async () => {
  const { driver } = await start();
  await assert.rejects(driver.capabilities('escl:http://127.0.0.1:9/eSCL'), (e: ScannerError) => e.problem === 'unknown-device');
  await assert.rejects(driver.scan('escl:http://169.254.169.254/eSCL', { source: 'flatbed', mode: 'gray', resolution: 150 }), (e: ScannerError) => e.problem === 'unknown-device');
  assert.equal(server.requests.length, 0);
});

test('a feeder batch: status checked first, every page in order, progress per page, the job deleted at the end', async () => {
  const { driver, id } = await start({ feeder: await feederOf(3) });
  const progress: number[] = [];
  const outcome = await driver.scan(id, { source: 'feeder', mode: 'gray', resolution: 150 }, (n) => progress.push(n));
  assert.equal(outcome.problem, null);
  assert.deepEqual(progress, [1, 2, 3]);
  assert.deepEqual(await Promise.all(outcome.pages.map((p) => meanShade(p.png))), [40, 90, 140]);
  const meta = await sharp(outcome.pages[0]!.png).metadata();
  assert.deepEqual([meta.width, meta.height, meta.channels, outcome.pages[0]!.resolution], [1240, 1754, 1, 150]);
  const order = server.requests.map((r) => `${r.method} ${r.path.replace(/ScanJobs\/[\w-]+/, 'ScanJobs/J')}`);
  assert.ok(order.indexOf('GET /eSCL/ScannerStatus') < order.indexOf('POST /eSCL/ScanJobs'), 'status before the job');
  assert.equal(order.at(-1), 'DELETE /eSCL/ScanJobs/J');
  assert.equal(xmlValue(posted()[0]!, 'InputSource'), 'Feeder');
  assert.equal(xmlValue(posted()[0]!, 'DocumentFormatExt'), 'image/png', 'lossless when the device offers it');
});

test('duplex asks the feeder for both sides; the flatbed gives one page', async () => {
  const { driver, id } = await start({ feeder: await feederOf(2) });
  assert.equal((await driver.scan(id, { source: 'feeder-duplex', mode: 'color', resolution: 75 })).pages.length, 2);
  assert.equal(xmlValue(posted()[0]!, 'Duplex'), 'true');
  server.device.feeder = await feederOf(2);
  const flatbed = await driver.scan(id, { source: 'flatbed', mode: 'color', resolution: 75 });
  assert.equal(flatbed.pages.length, 1);
  assert.equal(xmlValue(posted()[1]!, 'InputSource'), 'Platen');
});

test('resolution is snapped to the nearest the device takes, the area clamped to its glass', async () => {
  assert.equal(snapResolution(240, [75, 150, 200, 300, 600]), 200);
  assert.equal(snapResolution(250, [75, 150, 200, 300, 600]), 300, 'a tie goes to the finer one');
  assert.equal(snapResolution(1200, [100, 400]), 400);
  const { driver, id } = await start({ resolutions: [100, 200, 400], area: { width: 2550, height: 3300 } });
  const outcome = await driver.scan(id, { source: 'flatbed', mode: 'gray', resolution: 300 });
  assert.equal(outcome.problem, null);
  const body = posted()[0]!;
  assert.deepEqual([xmlValue(body, 'XResolution'), xmlValue(body, 'Width'), xmlValue(body, 'Height')], ['400', '2480', '3300']);
  assert.equal(outcome.pages[0]!.resolution, 400);
});

test('black-and-white refused by the device: scanned grey and made bilevel here', async () => {
  const { driver, id } = await start({ feeder: await feederOf(1), refuseBlackAndWhite: true });
  const outcome = await driver.scan(id, { source: 'feeder', mode: 'lineart', resolution: 75 });
  assert.equal(outcome.problem, null);
  assert.deepEqual(posted().map((b) => xmlValue(b, 'ColorMode')), ['BlackAndWhite1', 'Grayscale8']);
  const { channels } = await sharp(outcome.pages[0]!.png).stats();
  assert.ok(channels.every((c) => c.min === 0 || c.max === 0 || c.min === 255), 'only black and white left');
});

test('a busy device is waited for; one that stays busy is reported without starting a job', async () => {
  let { driver, id } = await start({ feeder: await feederOf(1), busyFor: 2 });
  assert.equal((await driver.scan(id, { source: 'feeder', mode: 'gray', resolution: 75 })).pages.length, 1);
  await server.stop();
  ({ driver, id } = await start({ feeder: await feederOf(1), busyFor: 100 }));
  assert.deepEqual(await driver.scan(id, { source: 'feeder', mode: 'gray', resolution: 75 }), { pages: [], problem: 'device-busy' });
  assert.equal(posted().length, 0);
});

test('the feeder state is checked before every job: empty, jammed, open', async () => {
  const { driver, id } = await start();
  const feed = () => driver.scan(id, { source: 'feeder', mode: 'gray', resolution: 75 });
  assert.equal((await feed()).problem, 'no-documents');
  server.device.feeder = await feederOf(1);
  server.device.adfState = 'ScannerAdfJam';
  assert.equal((await feed()).problem, 'jammed');
  server.device.adfState = 'ScannerAdfHatchOpen';
  assert.equal((await feed()).problem, 'cover-open');
  assert.equal(posted().length, 0, 'no job was started');
});

test('a page that is not ready is asked for again; one that never comes ends the scan as busy', async () => {
  let { driver, id } = await start({ feeder: await feederOf(2), notReadyFor: 2 });
  const outcome = await driver.scan(id, { source: 'feeder', mode: 'gray', resolution: 75 });
  assert.deepEqual([outcome.pages.length, outcome.problem], [2, null]);
  assert.equal(server.requests.filter((r) => r.path.endsWith('/NextDocument')).length, 2 * 3 + 1);
  await server.stop();
  ({ driver, id } = await start({ feeder: await feederOf(2), notReadyFor: 10 }));
  assert.deepEqual(await driver.scan(id, { source: 'feeder', mode: 'gray', resolution: 75 }), { pages: [], problem: 'device-busy' });
});

test('a jam mid-batch keeps the pages already scanned', async () => {
  const { driver, id } = await start({ feeder: await feederOf(5), jamAfter: 2 });
  const outcome = await driver.scan(id, { source: 'feeder', mode: 'gray', resolution: 75 });
  assert.deepEqual([outcome.pages.length, outcome.problem], [2, 'jammed']);
});

test('a scanner that vanishes mid-batch: the pages already scanned are kept, the problem named', async () => {
  const { driver, id } = await start({ feeder: await feederOf(5), vanishAfter: 3 });
  const outcome = await driver.scan(id, { source: 'feeder', mode: 'gray', resolution: 75 });
  assert.deepEqual([outcome.pages.length, outcome.problem], [3, 'device-gone']);
  assert.deepEqual(await driver.scan(id, { source: 'feeder', mode: 'gray', resolution: 75 }), { pages: [], problem: 'device-gone' });
  await assert.rejects(driver.capabilities(id), (e: ScannerError) => e.problem === 'device-gone');
});

test('an address typed by hand becomes an eSCL root; anything else is refused', () => {
  assert.equal(normaliseEsclUrl('192.168.1.20'), 'http://192.168.1.20/eSCL');
  assert.equal(normaliseEsclUrl(' http://mfp.office.local:8080/ '), 'http://mfp.office.local:8080/eSCL');
  assert.equal(normaliseEsclUrl('https://10.0.0.5/eSCL/'), 'https://10.0.0.5/eSCL');
  assert.equal(normaliseEsclUrl('http://[fd00::5]:80/scan/eSCL'), 'http://[fd00::5]/scan/eSCL');
  for (const bad of ['', 'file:///etc/passwd', 'ftp://10.0.0.5', 'http://user:pw@10.0.0.5', 'http://10.0.0.5/eSCL?x=1', 'http:// spaced']) {
    assert.equal(normaliseEsclUrl(bad), null, bad);
  }
});
