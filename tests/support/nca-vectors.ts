import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { appRoot } from '../../main/paths';

/**
 * NCA's own test files, read where the steering repository keeps them — `shared/vectors/nca-gost` beside the
 * checkout, or beside the checkout it was cloned from, or AJO_NCA_VECTORS — never copied in: they hold NCA's test
 * key. Where none is found, the tests that need them are skipped with this reason, loudly, rather than failing a
 * machine that was never given them.
 */
function besideOf(dir: string): string | null {
  for (let at = resolve(dir, '..'), i = 0; i < 3; at = dirname(at), i++) {
    const candidate = join(at, 'shared', 'vectors', 'nca-gost');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

function originDir(): string | null {
  const origin = spawnSync('git', ['config', '--get', 'remote.origin.url'], { cwd: appRoot(), encoding: 'utf8' }).stdout?.trim();
  return origin && isAbsolute(origin) ? origin : null;
}

function findVectors(): string | null {
  if (process.env.AJO_NCA_VECTORS) return process.env.AJO_NCA_VECTORS;
  const origin = originDir();
  return besideOf(appRoot()) ?? (origin ? besideOf(origin) : null);
}

const VECTORS = findVectors();

/** Why the NCA-file tests cannot run here, or false: as `test(name, { skip: ncaVectorsMissing }, …)` takes it. */
export const ncaVectorsMissing: string | false = VECTORS ? false : "NCA's test vectors are not beside this checkout (shared/vectors/nca-gost): set AJO_NCA_VECTORS to their folder";

/** A vector file's path. */
export function ncaVector(name: string): string {
  if (!VECTORS) throw new Error(ncaVectorsMissing as string);
  return join(VECTORS, name);
}

/** A vector file's bytes, DER also when it is stored as PEM. */
export function ncaVectorDer(name: string): Buffer {
  const bytes = readFileSync(ncaVector(name));
  const text = bytes.toString('latin1');
  return text.includes('-----BEGIN') ? Buffer.from(text.replace(/-----[^-]+-----|\s+/g, ''), 'base64') : bytes;
}
