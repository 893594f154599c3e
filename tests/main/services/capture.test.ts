import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiClient } from '../../../domain/api/client';
import { startTestCore, type TestCore } from '../../support/core';
import { tempDir } from '../../support/temp';
import { multiPageTiff, TINY_PNG } from '../../support/documents';
import { runAsync } from '../../support/verifiers';

/** The clerk's tray: SANE's test device scans into it, pages are ordered, and leave it as one PDF in a slot. */
let t: TestCore;
let clerk: ApiClient;
before(async () => {
  t = await startTestCore();
  clerk = await t.as('clerk');
});
after(async () => {
  await t.close();
});

const draft = () =>
  clerk['applications.createDraft']({ serviceCode: 'scrap-metal', procedure: 'issue', applicantKind: 'legal', applicantIdn: '150840001234', representation: { kind: 'none' } });

/** Widths of the page images in a PDF, in page order, as poppler's pdfimages lists them. */
async function imageWidths(pdf: Buffer): Promise<number[]> {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'doc.pdf');
    writeFileSync(file, pdf);
    const out = (await runAsync('pdfimages', ['-list', file])).out;
    return out.split('\n').slice(2).filter(Boolean).map((line) => Number(line.trim().split(/\s+/)[3]));
  } finally {
    dir.remove();
  }
}

test('two flatbed pages, reordered, become one two-page PDF in the slot and leave the tray', async () => {
  const { devices } = await clerk['scanner.devices']({});
  assert.ok(devices.some((d) => d.id === 'sane:test:0'));
  const caps = await clerk['scanner.capabilities']({ deviceId: 'sane:test:0' });
  assert.deepEqual(caps.sources, ['flatbed', 'feeder']);

  const first = await clerk['scanner.scan']({ deviceId: 'sane:test:0', source: 'flatbed', mode: 'gray', resolution: 75 });
  const second = await clerk['scanner.scan']({ deviceId: 'sane:test:0', source: 'flatbed', mode: 'gray', resolution: 150 });
  assert.equal(first.added, 1);
  assert.equal(second.pages.length, 2);
  const [low, high] = second.pages;
  const arranged = await clerk['scanner.arrange']({ pageIds: [high!.id, low!.id] });
  assert.deepEqual(arranged.pages.map((p) => p.id), [high!.id, low!.id]);

  const app = await draft();
  const detail = await clerk['scanner.attach']({ applicationId: app.id, slotCode: 'application', pageIds: [high!.id, low!.id] });
  const document = detail.slots.find((s) => s.code === 'application')!.documents[0]!;
  assert.equal(document.pages, 2);
  assert.equal(document.mime, 'application/pdf');
  const content = await clerk['documents.content']({ documentId: document.id });
  assert.deepEqual(await imageWidths(Buffer.from(content.contentBase64, 'base64')), [high!.width, low!.width]);
  assert.deepEqual((await clerk['scanner.tray']({})).pages, []);
});

test('a feeder batch fills the tray, its progress told while it runs and a second scan refused; a page can be dropped; bad lists change nothing', async () => {
  const scanning = clerk['scanner.scan']({ deviceId: 'sane:test:0', source: 'feeder', mode: 'gray', resolution: 75 });
  let finished = false;
  void scanning.finally(() => (finished = true)).catch(() => undefined);
  const seen: string[] = [];
  while (!finished) {
    const now = await clerk['scanner.scanProgress']({});
    if (now.scanning) seen.push(`${now.stage} ${now.pages}`);
    if (seen.length === 1) {
      await assert.rejects(clerk['scanner.scan']({ deviceId: 'sane:test:0', source: 'flatbed', mode: 'gray', resolution: 75 }), { code: 'conflict', reason: 'scan-in-progress' });
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.ok(seen.length > 0);
  const batch = await scanning;
  assert.equal(batch.added, 10);
  assert.equal(batch.problem, null);
  const counts = seen.filter((s) => s.startsWith('scanning')).map((s) => Number(s.split(' ')[1]));
  assert.ok(new Set(counts).size >= 3, `pages counted as they came: ${[...new Set(seen)].join(', ')}`);
  assert.deepEqual(counts, [...counts].sort((a, b) => a - b), 'never backwards');
  assert.ok(seen.includes('processing 10'), 'then the pages are straightened and stored');
  assert.deepEqual(await clerk['scanner.scanProgress']({}), { scanning: false, stage: null, pages: 0, total: null });
  const ids = batch.pages.map((p) => p.id);
  await assert.rejects(clerk['scanner.arrange']({ pageIds: [ids[0]!, ids[0]!] }), { code: 'invalid-input', reason: 'capture-page-listed-twice' });
  await assert.rejects(clerk['scanner.arrange']({ pageIds: [...ids, '00000000-0000-4000-8000-000000000000'] }), { code: 'invalid-input', reason: 'capture-page-unknown' });
  assert.equal((await clerk['scanner.tray']({})).pages.length, 10);
  const kept = await clerk['scanner.arrange']({ pageIds: ids.slice(1) });
  assert.equal(kept.pages.length, 9);
  await clerk['scanner.arrange']({ pageIds: [] });
});

test('only clerks scan; an unknown device or a setting the device lacks is refused', async () => {
  const executor = await t.as('executor');
  await assert.rejects(executor['scanner.scan']({ deviceId: 'sane:test:0', source: 'flatbed', mode: 'gray', resolution: 75 }), { code: 'forbidden' });
  await assert.rejects(clerk['scanner.scan']({ deviceId: 'sane:test:0', source: 'feeder-duplex', mode: 'gray', resolution: 75 }), { code: 'invalid-input', reason: 'scanner-unsupported-setting' });
  await assert.rejects(clerk['scanner.scan']({ deviceId: 'escl:nowhere', source: 'flatbed', mode: 'gray', resolution: 75 }), { code: 'invalid-input', reason: 'scanner-unknown-device' });
  assert.deepEqual((await clerk['scanner.tray']({})).pages, []);
});

test('a 1000-page TIFF is read a page at a time with progress, and the clerk can cancel it: nothing joins the tray', async () => {
  const before = (await clerk['scanner.tray']({})).pages.length;
  const importing = clerk['scanner.import']({ fileName: 'archive.tif', contentBase64: (await multiPageTiff(1000)).toString('base64') });
  const seen: number[] = [];
  for (;;) {
    const now = await clerk['scanner.scanProgress']({});
    if (now.stage === 'importing' && now.total === 1000) seen.push(now.pages);
    if (now.pages >= 3) break;
    await sleep(20);
  }
  await assert.rejects(clerk['scanner.import']({ fileName: 'again.png', contentBase64: TINY_PNG.toString('base64') }), { code: 'conflict', reason: 'scan-in-progress' });
  assert.deepEqual(await clerk['scanner.cancel']({}), { cancelled: true });
  const result = await importing;
  assert.equal(result.cancelled, true);
  assert.equal(result.added, 0);
  assert.equal(result.pages.length, before);
  assert.ok(seen.some((n) => n > 0 && n < 1000), `progress seen: ${seen.join(',')}`);
  assert.deepEqual(await clerk['scanner.scanProgress']({}), { scanning: false, stage: null, pages: 0, total: null });
  assert.deepEqual(await clerk['scanner.cancel']({}), { cancelled: false });
});

test('a multi-page TIFF brought in whole joins the tray in page order', async () => {
  const before = (await clerk['scanner.tray']({})).pages.length;
  const result = await clerk['scanner.import']({ fileName: 'three.tif', contentBase64: (await multiPageTiff(3)).toString('base64') });
  assert.equal(result.added, 3);
  assert.equal(result.cancelled, false);
  assert.equal(result.pages.length, before + 3);
  await clerk['scanner.arrange']({ pageIds: result.pages.slice(0, before).map((p) => p.id) });
});
