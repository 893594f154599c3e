import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import type { ApiClient } from '../../../domain/api/client';
import { startTestCore, type TestCore } from '../../support/core';
import { EsclServer } from '../../support/escl-server';

/** Network MFPs through the core: added by address once they answer as eSCL, scanned from, removed. */
let t: TestCore;
let clerk: ApiClient;
let mfp: EsclServer;
before(async () => {
  t = await startTestCore();
  clerk = await t.as('clerk');
  mfp = new EsclServer();
  await mfp.start();
});
after(async () => {
  await mfp.stop();
  await t.close();
});

const page = () => sharp({ create: { width: 2480, height: 3508, channels: 3, background: 'white' } }).png().toBuffer();
const networkRows = () => (t.core.ctx.db.prepare('SELECT count(*) AS n FROM network_scanners').get() as { n: number }).n;

test('an address that is not an eSCL scanner is refused and nothing is saved', async () => {
  await assert.rejects(clerk['scanner.addNetwork']({ address: 'file:///etc/passwd' }), { code: 'invalid-input', reason: 'scanner-address-invalid' });
  const closed = new EsclServer();
  await closed.start();
  await closed.stop();
  await assert.rejects(clerk['scanner.addNetwork']({ address: `127.0.0.1:${closed.port}` }), { code: 'invalid-state', reason: 'scanner-unreachable' });
  // The state-database simulator answers HTTP, but not as a scanner.
  await assert.rejects(clerk['scanner.addNetwork']({ address: t.simulators.url }), { code: 'invalid-input', reason: 'scanner-not-escl' });
  const executor = await t.as('executor');
  await assert.rejects(executor['scanner.addNetwork']({ address: `127.0.0.1:${mfp.port}` }), { code: 'forbidden' });
  assert.equal(networkRows(), 0);
});

test('added by its address, the MFP is listed under its own name and scans into the tray; a vanishing one keeps its pages', async () => {
  const { device } = await clerk['scanner.addNetwork']({ address: `127.0.0.1:${mfp.port}` });
  assert.deepEqual(device, { id: `escl:${mfp.url}`, driver: 'escl', name: 'AJO Test MFP 3000' });
  assert.ok((await clerk['scanner.devices']({})).devices.some((d) => d.id === device.id));
  const caps = await clerk['scanner.capabilities']({ deviceId: device.id });
  assert.deepEqual(caps.sources, ['flatbed', 'feeder', 'feeder-duplex']);

  mfp.device.feeder = [await page(), await page()];
  const scanned = await clerk['scanner.scan']({ deviceId: device.id, source: 'feeder', mode: 'gray', resolution: 150 });
  assert.deepEqual([scanned.added, scanned.problem], [2, null]);
  assert.deepEqual(scanned.pages.map((p) => [p.device, p.resolution]), [[device.id, 150], [device.id, 150]]);

  mfp.device.feeder = [await page(), await page(), await page()];
  mfp.device.vanishAfter = 3;
  const cut = await clerk['scanner.scan']({ deviceId: device.id, source: 'feeder', mode: 'gray', resolution: 75 });
  assert.deepEqual([cut.added, cut.problem, cut.pages.length], [1, 'device-gone', 3]);
  await clerk['scanner.arrange']({ pageIds: [] });
});

test('a removed network scanner leaves the list; an unknown one cannot be removed', async () => {
  const deviceId = `escl:${mfp.url}`;
  await clerk['scanner.removeNetwork']({ deviceId });
  assert.ok(!(await clerk['scanner.devices']({})).devices.some((d) => d.id === deviceId));
  await assert.rejects(clerk['scanner.removeNetwork']({ deviceId }), { code: 'not-found' });
  await assert.rejects(clerk['scanner.scan']({ deviceId, source: 'flatbed', mode: 'gray', resolution: 75 }), { code: 'invalid-input', reason: 'scanner-unknown-device' });
});
