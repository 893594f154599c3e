import sharp from 'sharp';

/**
 * Blank pages — the empty backs of a duplex batch, separator sheets — told from pages with something
 * on them. Edges are left out (feeder shadows, punch holes, the copier's dark border), specks are
 * smoothed away by a median filter, and bleed-through from the other side is lighter than ink.
 */
export interface BlankPageThresholds {
  /** Share of each edge left out, 0–0.25. */
  margin: number;
  /** Grey level (0–255) below which a pixel is ink rather than paper or bleed-through. */
  inkBelow: number;
  /** Share of ink pixels at or below which the page is blank. */
  maxInk: number;
}

/**
 * Measured on generated A4 pages at 300 dpi: a grainy blank scan has 1e-6 ink, a lone page number "2"
 * 4e-5, one short line ("Қосымша 1") 3e-4. The limit sits well above the grain and below the digit: a
 * page with anything printed on it is kept.
 */
export const DEFAULT_BLANK_THRESHOLDS: BlankPageThresholds = { margin: 0.06, inkBelow: 110, maxInk: 0.00001 };

/** Half of 300 dpi: small print stays several pixels wide, and counting is four times quicker. */
const SAMPLE_WIDTH = 1240;

export async function inkShare(image: Buffer, thresholds: Pick<BlankPageThresholds, 'margin' | 'inkBelow'> = DEFAULT_BLANK_THRESHOLDS): Promise<number> {
  const { width = 0, height = 0 } = await sharp(image).metadata();
  const left = Math.floor(width * thresholds.margin);
  const top = Math.floor(height * thresholds.margin);
  const inner = { left, top, width: Math.max(1, width - 2 * left), height: Math.max(1, height - 2 * top) };
  const scale = Math.min(1, SAMPLE_WIDTH / inner.width);
  const sample = { width: Math.max(1, Math.round(inner.width * scale)), height: Math.max(1, Math.round(inner.height * scale)), fit: 'fill' as const };
  const pipeline = sharp(image).extract(inner).greyscale().resize(sample);
  // A median needs a 3×3 window inside the image: a sliver of a page (a strip, a photo thumbnail) goes without.
  const { data } = await (sample.width >= 3 && sample.height >= 3 ? pipeline.median(3) : pipeline).raw().toBuffer({ resolveWithObject: true });
  let ink = 0;
  for (const value of data) if (value < thresholds.inkBelow) ink++;
  return ink / data.length;
}

export async function isBlankPage(image: Buffer, thresholds: BlankPageThresholds = DEFAULT_BLANK_THRESHOLDS): Promise<boolean> {
  return (await inkShare(image, thresholds)) <= thresholds.maxInk;
}
