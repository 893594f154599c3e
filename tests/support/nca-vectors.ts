import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { appRoot } from '../../main/paths';

/**
 * NCA's own test files, read where the steering repository keeps them — `shared/vectors/nca-gost` beside the
 * checkout (or AJO_NCA_VECTORS) — never copied in: they hold NCA's test key. Missing, the tests say where to
 * put them rather than pass without them.
 */
function vectorsDir(): string {
  if (process.env.AJO_NCA_VECTORS) return process.env.AJO_NCA_VECTORS;
  for (let dir = resolve(appRoot(), '..'), i = 0; i < 3; dir = dirname(dir), i++) {
    const candidate = join(dir, 'shared', 'vectors', 'nca-gost');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error("NCA's test vectors are not beside this checkout (../shared/vectors/nca-gost): set AJO_NCA_VECTORS to their folder");
}

/** A vector file's path. */
export const ncaVector = (name: string) => join(vectorsDir(), name);

/** A vector file's bytes, DER also when it is stored as PEM. */
export function ncaVectorDer(name: string): Buffer {
  const bytes = readFileSync(ncaVector(name));
  const text = bytes.toString('latin1');
  return text.includes('-----BEGIN') ? Buffer.from(text.replace(/-----[^-]+-----|\s+/g, ''), 'base64') : bytes;
}
