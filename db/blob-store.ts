import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export class BlobCorruptError extends Error {
  constructor(readonly sha256: string) {
    super(`Stored file ${sha256} does not match its checksum: it was changed or damaged on disk.`);
    this.name = 'BlobCorruptError';
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Files stored by their SHA-256 beside the database. Writing is idempotent and atomic (temp file and
 * rename), so a crash never leaves half a file under a valid name; reading verifies the hash.
 */
export class BlobStore {
  constructor(private readonly root: string) {
    mkdirSync(root, { recursive: true });
  }

  private pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  put(bytes: Uint8Array): string {
    const sha256 = sha256Hex(bytes);
    const target = this.pathOf(sha256);
    if (existsSync(target)) return sha256;
    mkdirSync(join(this.root, sha256.slice(0, 2)), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      writeFileSync(temp, bytes, { flag: 'wx' });
      renameSync(temp, target);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
    return sha256;
  }

  get(sha256: string): Buffer {
    const bytes = readFileSync(this.pathOf(sha256));
    if (sha256Hex(bytes) !== sha256) throw new BlobCorruptError(sha256);
    return bytes;
  }
}
