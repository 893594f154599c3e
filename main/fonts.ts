import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetsDir } from './paths';

/** DejaVu Sans covers every Kazakh and Russian letter; each file is read once. */
export type FontFile = 'DejaVuSans.ttf' | 'DejaVuSans-Bold.ttf';

const loaded = new Map<FontFile, Buffer>();

export function fontBytes(file: FontFile): Buffer {
  let bytes = loaded.get(file);
  if (!bytes) {
    bytes = readFileSync(join(assetsDir(), 'fonts', file));
    loaded.set(file, bytes);
  }
  return bytes;
}
