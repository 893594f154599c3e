import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { cropped, PageEditError, rotated } from '../../../scanner/pages/geometry';

/** A white page 200 × 300 with a black square in its top-left corner, to see where it ends up. */
const marked = () =>
  sharp({ create: { width: 200, height: 300, channels: 3, background: 'white' } })
    .composite([{ input: { create: { width: 40, height: 40, channels: 3, background: 'black' } }, left: 0, top: 0 }])
    .png()
    .toBuffer();
const pixel = async (png: Buffer, x: number, y: number) => {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  return data[y * info.width + x]!;
};

test('a quarter turn clockwise swaps the sides and takes the top-left corner to the top-right', async () => {
  const once = await rotated(await marked(), 1);
  assert.deepEqual([(await sharp(once).metadata()).width, (await sharp(once).metadata()).height], [300, 200]);
  assert.equal(await pixel(once, 299 - 5, 5), 0);
  assert.equal(await pixel(once, 5, 5), 255);
  const upsideDown = await rotated(await marked(), 2);
  assert.equal(await pixel(upsideDown, 199 - 5, 299 - 5), 0);
});

test('a crop keeps the box, given as shares of the page; a box off the page or too small is refused', async () => {
  const part = await cropped(await marked(), { left: 0, top: 0, width: 0.5, height: 0.5 });
  const meta = await sharp(part).metadata();
  assert.deepEqual([meta.width, meta.height], [100, 150]);
  assert.equal(await pixel(part, 5, 5), 0);
  await assert.rejects(cropped(await marked(), { left: 0.6, top: 0, width: 0.5, height: 1 }), (e: unknown) => e instanceof PageEditError && e.problem === 'crop-outside');
  await assert.rejects(cropped(await marked(), { left: 0, top: 0, width: 0.05, height: 1 }), (e: unknown) => e instanceof PageEditError && e.problem === 'crop-too-small');
});
