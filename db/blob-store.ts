import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** A stored file that is gone or no longer matches its checksum; `name` is what the user knows it as. */
export class BlobCorruptError extends Error {
  constructor(
    readonly sha256: string,
    readonly problem: 'damaged' | 'missing',
    readonly fileName: string | null,
  ) {
    super(`Stored file ${fileName ?? sha256} is ${problem === 'missing' ? 'missing' : 'changed or damaged on disk: it does not match its checksum'}.`);
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
  /** Files whose whole content matched their hash in this run: a viewer reading one piece by piece checks it once. */
  private readonly verified = new Set<string>();

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

  /** The file's bytes, checked against their hash; `fileName` names it in the error if it is damaged. */
  get(sha256: string, fileName: string | null = null): Buffer {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobCorruptError(sha256, 'missing', fileName);
      throw error;
    }
    if (sha256Hex(bytes) !== sha256) throw new BlobCorruptError(sha256, 'damaged', fileName);
    this.verified.add(sha256);
    return bytes;
  }

  /**
   * `length` bytes from `offset` (fewer at the end), and the file's size. The whole file is checked
   * against its hash the first time it is read in this run, so a damaged file is never served in pieces.
   */
  readRange(sha256: string, offset: number, length: number, fileName: string | null = null): { size: number; bytes: Buffer } {
    if (!this.verified.has(sha256)) this.get(sha256, fileName);
    const fd = openSync(this.pathOf(sha256), 'r');
    try {
      const size = fstatSync(fd).size;
      const bytes = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const read = bytes.length > 0 ? readSync(fd, bytes, 0, bytes.length, offset) : 0;
      return { size, bytes: bytes.subarray(0, read) };
    } finally {
      closeSync(fd);
    }
  }

  /** Whether a file of that name is here at all (cheap: its bytes are not read). */
  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /** Whether the file is there and whole, without keeping its bytes. */
  check(sha256: string): 'ok' | 'missing' | 'damaged' {
    try {
      this.get(sha256);
      return 'ok';
    } catch (error) {
      if (error instanceof BlobCorruptError) return error.problem;
      throw error;
    }
  }

  /** Every stored file's name (its claimed hash), for a full check. */
  list(): string[] {
    if (!existsSync(this.root)) return [];
    return readdirSync(this.root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && /^[0-9a-f]{2}$/.test(d.name))
      .flatMap((d) => readdirSync(join(this.root, d.name)).filter((name) => /^[0-9a-f]{64}$/.test(name)));
  }
}
