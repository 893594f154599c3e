import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import type { ApiClient } from '../../../domain/api/client';
import { skewAngle } from '../../../scanner/pages/deskew';
import { startTestCore, type TestCore } from '../../support/core';
import { A4_300DPI, KAZAKH_TEXT, textPage } from '../../support/ocr-pages';

/** Tray pages turned, cropped, straightened and put back; blank ones found for the clerk to confirm. */
let t: TestCore;
let clerk: ApiClient;
before(async () => {
  t = await startTestCore();
  clerk = await t.as('clerk');
});
after(() => t.close());

const importPng = async (png: Buffer, fileName = 'page.png') => clerk['scanner.import']({ fileName, contentBase64: png.toString('base64') });
const imageOf = async (pageId: string) => Buffer.from((await clerk['scanner.pageImage']({ pageId })).contentBase64, 'base64');
const clearTray = () => clerk['scanner.arrange']({ pageIds: [] });

test('a page that comes in at a slant is straightened on arrival; the page as scanned can be put back', async () => {
  await clearTray();
  const slanted = await sharp(await textPage(KAZAKH_TEXT)).rotate(2, { background: 'white' }).resize(A4_300DPI.width, A4_300DPI.height, { fit: 'cover' }).png().toBuffer();
  const { pages } = await importPng(slanted);
  assert.equal(pages[0]!.edited, true);
  assert.ok(Math.abs(await skewAngle(await imageOf(pages[0]!.id))) <= 0.1);
  const restored = await clerk['scanner.editPage']({ pageId: pages[0]!.id, edit: { kind: 'restore' } });
  assert.equal(restored.pages[0]!.edited, false);
  assert.ok(Math.abs((await skewAngle(await imageOf(pages[0]!.id))) - 2) <= 0.1, 'slanted again, as scanned');
  // Straightened by hand this time.
  const again = await clerk['scanner.editPage']({ pageId: pages[0]!.id, edit: { kind: 'deskew' } });
  assert.equal(again.pages[0]!.edited, true);
  const straight = await importPng(await textPage(['Анықтама', 'БСН 091240004563']), 'straight.png');
  assert.equal(straight.pages[1]!.edited, false, 'a straight page is stored as it came');
});

test('turning and cropping change the page and keep the original; a bad crop changes nothing', async () => {
  await clearTray();
  const { pages } = await importPng(await sharp({ create: { width: 1240, height: 1754, channels: 3, background: 'white' } }).png().toBuffer());
  const id = pages[0]!.id;
  const turned = await clerk['scanner.editPage']({ pageId: id, edit: { kind: 'rotate', quarterTurns: 1 } });
  assert.deepEqual([turned.pages[0]!.width, turned.pages[0]!.height, turned.pages[0]!.edited], [1754, 1240, true]);
  const trimmed = await clerk['scanner.editPage']({ pageId: id, edit: { kind: 'crop', box: { left: 0.1, top: 0.1, width: 0.5, height: 0.8 } } });
  assert.deepEqual([trimmed.pages[0]!.width, trimmed.pages[0]!.height], [877, 992]);
  const before = await imageOf(id);
  await assert.rejects(clerk['scanner.editPage']({ pageId: id, edit: { kind: 'crop', box: { left: 0.9, top: 0, width: 0.5, height: 1 } } }), {
    code: 'invalid-input',
    reason: 'capture-crop-outside',
  });
  await assert.rejects(clerk['scanner.editPage']({ pageId: id, edit: { kind: 'rotate', quarterTurns: 4 as 1 } }), { code: 'invalid-arguments' });
  assert.deepEqual(await imageOf(id), before);
  const back = await clerk['scanner.editPage']({ pageId: id, edit: { kind: 'restore' } });
  assert.deepEqual([back.pages[0]!.width, back.pages[0]!.height, back.pages[0]!.edited], [1240, 1754, false]);
  await assert.rejects(clerk['scanner.editPage']({ pageId: '00000000-0000-4000-8000-000000000000', edit: { kind: 'deskew' } }), { code: 'not-found' });
});

test('blank pages are pointed out, not dropped', async () => {
  await clearTray();
  await importPng(await textPage(['Өтініш', 'Қазметалл ЖШС']), 'front.png');
  await importPng(await textPage(['.'], 'noisy'), 'empty-back.png');
  const { pages } = await importPng(await textPage(['Қосымша 1']), 'annex.png');
  const { pageIds } = await clerk['scanner.blankPages']({});
  assert.deepEqual(pageIds, [pages[1]!.id]);
  assert.equal((await clerk['scanner.tray']({})).pages.length, 3);
});
