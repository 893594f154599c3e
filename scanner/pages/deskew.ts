import sharp from 'sharp';

/**
 * Pages fed at a slant, found and straightened. The angle is the one at which the ink, projected onto
 * the vertical axis, piles into the sharpest rows (text lines): the projection-profile method, searched
 * coarse then fine on a reduced copy. Written here rather than taken from a library: the image
 * libraries on npm (sharp, jimp) rotate but do not estimate skew, and OpenCV builds are far heavier
 * than these few dozen lines.
 */
const SAMPLE_WIDTH = 1000;
/** Feeders skew a few degrees at most; beyond that a page is turned, not skewed. */
export const MAX_SKEW_DEGREES = 5;
/** Below this a page looks straight to the eye, and resampling would only soften it. */
export const MIN_CORRECTION_DEGREES = 0.3;
const INK_BELOW = 128;
const MAX_SAMPLES = 150_000;
/** The best angle must make rows this much sharper than the page as scanned, or it is noise (a photo, a blank page). */
const MIN_GAIN = 1.02;

async function inkPoints(image: Buffer): Promise<{ xs: Float64Array; ys: Float64Array; height: number; width: number }> {
  const { data, info } = await sharp(image).greyscale().resize({ width: SAMPLE_WIDTH, withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
  let count = 0;
  for (const value of data) if (value < INK_BELOW) count++;
  const stride = Math.max(1, Math.ceil(count / MAX_SAMPLES));
  const xs = new Float64Array(Math.ceil(count / stride));
  const ys = new Float64Array(xs.length);
  let seen = 0, kept = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i]! >= INK_BELOW) continue;
    if (seen++ % stride !== 0) continue;
    xs[kept] = i % info.width;
    ys[kept] = Math.floor(i / info.width);
    kept++;
  }
  return { xs: xs.subarray(0, kept), ys: ys.subarray(0, kept), height: info.height, width: info.width };
}

/** Sharpness of the row profile if the page were turned back by `degrees`: the sum of squared row counts. */
function profileScore(points: { xs: Float64Array; ys: Float64Array; width: number; height: number }, degrees: number): number {
  const tan = Math.tan((degrees * Math.PI) / 180);
  const offset = Math.ceil(points.width * Math.abs(tan)) + 1;
  const rows = new Float64Array(points.height + 2 * offset);
  for (let i = 0; i < points.xs.length; i++) rows[Math.round(points.ys[i]! - points.xs[i]! * tan) + offset]!++;
  let score = 0;
  for (const n of rows) score += n * n;
  return score;
}

/** The page's skew in degrees, clockwise positive (as sharp's rotate counts); 0 when there is too little to tell. */
export async function skewAngle(image: Buffer): Promise<number> {
  const points = await inkPoints(image);
  if (points.xs.length < 500) return 0;
  const search = (from: number, to: number, step: number) => {
    let best = { angle: 0, score: -1 };
    for (let angle = from; angle <= to + 1e-9; angle += step) {
      const score = profileScore(points, angle);
      if (score > best.score) best = { angle, score };
    }
    return best;
  };
  const coarse = search(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES, 0.25);
  const fine = search(coarse.angle - 0.25, coarse.angle + 0.25, 0.025);
  if (fine.score < profileScore(points, 0) * MIN_GAIN) return 0;
  return Math.round(fine.angle * 100) / 100;
}

/** The page turned straight, same size, the corners it uncovers filled with paper white. Null when it is straight already. */
export async function deskewed(image: Buffer): Promise<{ png: Buffer; angle: number } | null> {
  const angle = await skewAngle(image);
  if (Math.abs(angle) < MIN_CORRECTION_DEGREES || Math.abs(angle) >= MAX_SKEW_DEGREES) return null;
  const { width = 0, height = 0 } = await sharp(image).metadata();
  const turned = await sharp(image).rotate(-angle, { background: '#ffffff' }).png().toBuffer({ resolveWithObject: true });
  const png = await sharp(turned.data)
    .extract({ left: Math.floor((turned.info.width - width) / 2), top: Math.floor((turned.info.height - height) / 2), width, height })
    .png({ compressionLevel: 6 })
    .toBuffer();
  return { png, angle };
}
