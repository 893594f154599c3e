import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
/**
 * Secrets kept in a database sealed (AES-256-GCM) under a key kept outside it: the registry's CA key
 * under its operator's key (AJO_REGISTRY_KEY, or a key file), a desk's TLS key under the desk's own key
 * (a 0600 file, itself wrapped by the OS keystore in the Electron app). Whoever reads the database — its
 * file, its WAL, a copy, a backup — finds no key to sign or to pose as the registry or the desk with.
 */
export interface Sealer {
  seal(plain: string): string;
  /** The plain text; text never sealed (written before sealing existed) comes back as it is. */
  open(sealed: string): string;
}

/** What wraps the key file's bytes where the platform has a keystore (Electron's safeStorage). */
export interface KeyProtection {
  encrypt(plain: Buffer): Buffer;
  decrypt(wrapped: Buffer): Buffer;
}
const PREFIX = 'sealed:aes-256-gcm:';
const KEY_BYTES = 32;

export class SealKeyError extends Error {}

export function sealerOf(key: Buffer): Sealer {
  if (key.length !== KEY_BYTES) throw new SealKeyError(`the sealing key must be ${KEY_BYTES} bytes (base64)`);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) return sealed;
      const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      try {
        return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        throw new SealKeyError('the key given does not open what was sealed: give the key it was sealed under (for the registry: AJO_REGISTRY_KEY or --key-file)');
      }
    },
  };
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

/**
 * The key: given (base64, from the environment), or read from its file — made once, 0600, never
 * overwritten (two processes starting at once keep the first one's). With a protection, the file holds
 * the key wrapped by it.
 */
export function loadSealKey(source: { keyBase64?: string | undefined; keyFile: string; protection?: KeyProtection | undefined }): Buffer {
  if (source.keyBase64) return Buffer.from(source.keyBase64, 'base64');
  const wrap = (key: Buffer) => (source.protection ? source.protection.encrypt(key) : Buffer.from(key.toString('base64')));
  try {
    writeFileSync(source.keyFile, wrap(randomBytes(KEY_BYTES)), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stored = readFileSync(source.keyFile);
  return source.protection ? source.protection.decrypt(stored) : Buffer.from(stored.toString('utf8').trim(), 'base64');
}
