import sharp from 'sharp';

/**
 * An A4 page that is a picture, not text: smooth waves of tone with grain, mostly mid-greys (or colours),
 * as a photo or a coloured stamp-and-letterhead scan gives. Deterministic, so sizes compare across runs.
 */
export async function photoPage(kind: 'colour' | 'grey', resolution = 300): Promise<Buffer> {
  const width = Math.round((210 / 25.4) * resolution);
  const height = Math.round((297 / 25.4) * resolution);
  const channels = kind === 'colour' ? 3 : 1;
  const data = Buffer.alloc(width * height * channels);
  let state = 7;
  const grain = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return (state / 0x7fffffff - 0.5) * 24;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const wave = Math.sin(x / (resolution / 3)) * Math.cos(y / (resolution / 2));
      const at = (y * width + x) * channels;
      if (kind === 'grey') {
        data[at] = clamp(128 + 70 * wave + grain());
      } else {
        data[at] = clamp(140 + 80 * wave + grain());
        data[at + 1] = clamp(110 - 60 * Math.sin(y / (resolution / 4)) + grain());
        data[at + 2] = clamp(90 + 70 * Math.cos((x + y) / (resolution / 2.5)) + grain());
      }
    }
  }
  return sharp(data, { raw: { width, height, channels } }).withMetadata({ density: resolution }).png().toBuffer();
}

const clamp = (value: number) => Math.max(0, Math.min(255, Math.round(value)));
