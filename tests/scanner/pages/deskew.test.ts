import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { deskewed, skewAngle } from '../../../scanner/pages/deskew';
import { A4_300DPI, KAZAKH_TEXT, RUSSIAN_TEXT, textPage } from '../../support/ocr-pages';

const turned = async (png: Buffer, degrees: number) => sharp(png).rotate(degrees, { background: 'white' }).png().toBuffer();

test('the slant of a text page is found to a tenth of a degree, either way', async () => {
  const page = await textPage(KAZAKH_TEXT);
  for (const degrees of [2, -1.2, 3.7, 0.5]) {
    const found = await skewAngle(await turned(page, degrees));
    assert.ok(Math.abs(found - degrees) <= 0.1, `${degrees}° found as ${found}°`);
  }
  assert.ok(Math.abs((await skewAngle(await textPage(RUSSIAN_TEXT, 'skewed'))) - 1.5) <= 0.1, 'the OCR test page skewed by 1.5°');
});

test('a slanted page comes out straight and the same size; a straight one is left alone', async () => {
  const page = await textPage(RUSSIAN_TEXT, 'noisy');
  const slanted = await sharp(await turned(page, -2.5)).resize(A4_300DPI.width, A4_300DPI.height, { fit: 'cover' }).png().toBuffer();
  const fixed = await deskewed(slanted);
  assert.ok(fixed);
  assert.ok(Math.abs(fixed.angle + 2.5) <= 0.1);
  assert.ok(Math.abs(await skewAngle(fixed.png)) <= 0.1);
  const { width, height } = await sharp(fixed.png).metadata();
  assert.deepEqual({ width, height }, A4_300DPI);
  assert.equal(await deskewed(page), null);
});

test('a picture or an empty page has no slant to correct', async () => {
  const noise = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: 'white', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toBuffer();
  assert.equal(await skewAngle(noise), 0);
  const blank = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: 'white' } }).png().toBuffer();
  assert.equal(await skewAngle(blank), 0);
  assert.equal(await deskewed(blank), null);
});
