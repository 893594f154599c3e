import sharp from 'sharp';

/**
 * What a scanned page holds, decided from a reduced copy: a text page is mostly paper and ink (few
 * mid-grey pixels) and is stored bilevel; anything else (photos, stamps in colour, grey pictures) keeps
 * its tones as JPEG.
 */
export type PageKind = 'text' | 'grey-photo' | 'colour-photo';

export interface PageAnalysis {
  kind: PageKind;
  /** Otsu's threshold between ink and paper, 0–255. */
  threshold: number;
}

const SAMPLE_WIDTH = 600;
/** Share of pixels between ink and paper above which a page is a picture, not text. */
const MID_TONE_LIMIT = 0.12;
/** Mean channel spread above which a page is coloured. */
const COLOUR_LIMIT = 12;

export async function analysePage(image: Buffer): Promise<PageAnalysis> {
  const { data, info } = await sharp(image).resize({ width: SAMPLE_WIDTH, withoutEnlargement: true }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const pixels = info.width * info.height;
  const grey = new Uint8Array(pixels);
  let spread = 0;
  for (let i = 0; i < pixels; i++) {
    const r = data[i * 3]!, g = data[i * 3 + 1]!, b = data[i * 3 + 2]!;
    grey[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    spread += Math.max(r, g, b) - Math.min(r, g, b);
  }
  const histogram = new Array<number>(256).fill(0);
  for (const v of grey) histogram[v]!++;
  const threshold = otsuThreshold(histogram, pixels);
  // Mid tones: well away from both the ink and the paper peaks.
  let mid = 0;
  for (let v = 64; v < 192; v++) mid += histogram[v]!;
  if (spread / pixels > COLOUR_LIMIT) return { kind: 'colour-photo', threshold };
  return { kind: mid / pixels > MID_TONE_LIMIT ? 'grey-photo' : 'text', threshold };
}

/** The grey level that best separates two classes of pixels (Otsu, 1979). */
export function otsuThreshold(histogram: number[], total: number): number {
  let sumAll = 0;
  for (let v = 0; v < 256; v++) sumAll += v * histogram[v]!;
  let weightBack = 0, sumBack = 0, best = 0, threshold = 128;
  for (let v = 0; v < 256; v++) {
    weightBack += histogram[v]!;
    if (weightBack === 0) continue;
    const weightFore = total - weightBack;
    if (weightFore === 0) break;
    sumBack += v * histogram[v]!;
    const meanBack = sumBack / weightBack;
    const meanFore = (sumAll - sumBack) / weightFore;
    const between = weightBack * weightFore * (meanBack - meanFore) ** 2;
    if (between > best) {
      best = between;
      threshold = v + 1;
    }
  }
  return threshold;
}
