import sharp from 'sharp';

/** Turning and trimming a tray page; the result is a new PNG, the page it came from is left as it was. */
export type QuarterTurns = 1 | 2 | 3;

/** A region of the page as shares of its width and height (0–1), so it does not depend on the resolution shown. */
export interface CropBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export class PageEditError extends Error {
  constructor(readonly problem: 'crop-outside' | 'crop-too-small') {
    super(`cannot edit page: ${problem}`);
  }
}

/** Smallest crop, in pixels each way: anything less is a slip of the mouse. */
const MIN_CROP_PX = 32;

export async function rotated(image: Buffer, quarterTurns: QuarterTurns): Promise<Buffer> {
  return sharp(image).rotate(quarterTurns * 90).png({ compressionLevel: 6 }).toBuffer();
}

export async function cropped(image: Buffer, box: CropBox): Promise<Buffer> {
  const { left, top, width, height } = box;
  const inside = [left, top, width, height].every((v) => Number.isFinite(v) && v >= 0 && v <= 1) && left + width <= 1 + 1e-9 && top + height <= 1 + 1e-9;
  if (!inside) throw new PageEditError('crop-outside');
  const size = await sharp(image).metadata();
  const px = {
    left: Math.round(left * size.width!),
    top: Math.round(top * size.height!),
    width: Math.min(Math.round(width * size.width!), size.width! - Math.round(left * size.width!)),
    height: Math.min(Math.round(height * size.height!), size.height! - Math.round(top * size.height!)),
  };
  if (px.width < MIN_CROP_PX || px.height < MIN_CROP_PX) throw new PageEditError('crop-too-small');
  return sharp(image).extract(px).png({ compressionLevel: 6 }).toBuffer();
}
