import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { DEFAULT_BLANK_THRESHOLDS, isBlankPage } from '../../../scanner/pages/blank-page';
import { A4_300DPI, textPage } from '../../support/ocr-pages';

const white = () => sharp({ create: { ...A4_300DPI, channels: 3, background: 'white' } }).png().toBuffer();

test('empty pages are blank: white, grainy with dust, bleed-through from the other side, a dark feeder edge', async () => {
  assert.ok(await isBlankPage(await white()));
  assert.ok(await isBlankPage(await textPage(['.'], 'noisy')), 'grain and dust specks');
  const bleed = await sharp(await textPage(['Қазақстан Республикасының Өнеркәсіп', 'және құрылыс министрлігі'])).flop().linear(0.25, 255 * 0.75).png().toBuffer();
  assert.ok(await isBlankPage(bleed), 'the other side showing through, mirrored and faint');
  const edge = await sharp(await white())
    .composite([{ input: { create: { width: A4_300DPI.width, height: 80, channels: 3, background: 'black' } }, top: 0, left: 0 }])
    .png()
    .toBuffer();
  assert.ok(await isBlankPage(edge), 'a shadow along the edge is in the margin');
  assert.ok(!(await isBlankPage(edge, { ...DEFAULT_BLANK_THRESHOLDS, margin: 0 })), 'unless margins are counted');
});

test('a page with anything printed on it is kept: one short line, a lone page number', async () => {
  assert.ok(!(await isBlankPage(await textPage(['Қосымша 1']))));
  assert.ok(!(await isBlankPage(await textPage(['Қосымша 1'], 'noisy'))));
  assert.ok(!(await isBlankPage(await textPage(['2']))));
});

test('slivers of images (a pixel, a strip) are measured rather than failing', async () => {
  for (const [width, height] of [[1, 1], [2, 50], [5000, 2], [3, 3]] as const) {
    const white = await sharp({ create: { width, height, channels: 3, background: '#fff' } }).png().toBuffer();
    assert.equal(await isBlankPage(white), true, `${width}×${height}`);
  }
});
