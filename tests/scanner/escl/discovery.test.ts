import assert from 'node:assert/strict';
import { test } from 'node:test';
import Bonjour from 'bonjour-service';
import { EsclDiscovery, esclEntryOf } from '../../../scanner/escl/discovery';
import { EsclDriver } from '../../../scanner/escl/escl-driver';
import { EsclServer } from '../../support/escl-server';

const service = (over: Partial<Parameters<typeof esclEntryOf>[0]> = {}) => ({
  name: 'MFP-3F',
  type: 'uscan',
  port: 8080,
  host: 'mfp-3f.local',
  addresses: ['fe80::1', '192.0.2.7'],
  txt: { rs: 'eSCL', ty: 'Kyocera ECOSYS M2040dn' },
  ...over,
});

test('an announcement becomes an eSCL root: IPv4 first, its resource path, its model name, https for _uscans', () => {
  assert.deepEqual(esclEntryOf(service()), { url: 'http://192.0.2.7:8080/eSCL', name: 'Kyocera ECOSYS M2040dn' });
  assert.deepEqual(esclEntryOf(service({ type: 'uscans', port: 443, addresses: ['fe80::1'], txt: { rs: '/scan/eSCL/' } })), {
    url: 'https://[fe80::1]:443/scan/eSCL',
    name: 'MFP-3F',
  });
  assert.equal(esclEntryOf(service({ addresses: [] })), null, 'no address to reach it by');
  assert.equal(esclEntryOf(service({ port: 0 })), null);
});

test('a scanner announcing _uscan._tcp over mDNS is found and scanned from', async (t) => {
  const mfp = new EsclServer({ makeAndModel: 'AJO mDNS MFP' });
  await mfp.start('0.0.0.0');
  const announcer = new Bonjour();
  // A unique name: other runs (or other machines on the segment) may be announcing too.
  const name = `AJO test ${process.pid}-${Date.now()}`;
  announcer.publish({ name, type: 'uscan', port: mfp.port, txt: { rs: 'eSCL', ty: name } });
  const discovery = new EsclDiscovery();
  t.after(async () => {
    discovery.stop();
    await new Promise<void>((resolve) => announcer.unpublishAll(() => resolve()));
    announcer.destroy();
    await mfp.stop();
  });
  discovery.start();
  let found = discovery.devices().find((d) => d.name === name);
  for (let waited = 0; !found && waited < 10_000; waited += 200) {
    if (waited % 2000 === 0) discovery.refresh();
    await new Promise((resolve) => setTimeout(resolve, 200));
    found = discovery.devices().find((d) => d.name === name);
  }
  assert.ok(found, 'the announced scanner was heard');
  assert.match(found.url, new RegExp(`^http://[^/]+:${mfp.port}/eSCL$`));
  // Reached at the address it announced, not at the loopback address the test knows.
  const driver = new EsclDriver({ devices: () => discovery.devices() });
  const caps = await driver.capabilities(`escl:${found.url}`);
  assert.ok(caps.sources.includes('flatbed'));
  assert.ok(mfp.requests.some((r) => r.path === '/eSCL/ScannerCapabilities'));
});
