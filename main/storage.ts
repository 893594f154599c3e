import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSealKey, sealerOf, type KeyProtection, type Sealer } from '../pki/sealing';
import { BlobStore } from '../db/blob-store';
import { openDatabase } from '../db/open';
import type { Db } from '../db/db';

/** Where the office's data lives inside its data folder: the SQLite file and the stored files beside it. */
export function databasePath(dataDir: string): string {
  return join(dataDir, 'ajo.sqlite');
}

/** Where stored files (documents, signed decisions, scans) live, beside the database. */
export function filesPath(dataDir: string): string {
  return join(dataDir, 'files');
}

/**
 * The data folder is its user's alone (0700: no other account on the PC can enter it, whatever the
 * modes of the files inside), and the database file 0600 besides — SQLite gives its WAL the same.
 */
function keepPrivate(dataDir: string) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Windows keeps a user's folders (AppData) by ACL, not by these modes.
  if (process.platform === 'win32') return;
  const folder = statSync(dataDir);
  // A folder that is not this user's, or a shared one (sticky, as /tmp), is not the desk's to close.
  if (folder.uid !== process.getuid?.() || (folder.mode & 0o1000) !== 0) throw new Error(`${dataDir} is not this user's own folder (or is shared, as /tmp is): give the desk a data folder of its own (AJO_DATA_DIR)`);
  if ((folder.mode & 0o077) !== 0) chmodSync(dataDir, 0o700);
  const database = databasePath(dataDir);
  if (!existsSync(database)) writeFileSync(database, '', { mode: 0o600 });
  else if ((statSync(database).mode & 0o077) !== 0) chmodSync(database, 0o600);
}

/** The desk's sealing key file where no OS keystore wraps it. */
export function deskKeyPath(dataDir: string): string {
  return join(dataDir, 'desk.key');
}

/**
 * The key the desk seals its secrets with (its TLS key to the registry): a file beside the database,
 * never in it — wrapped by the OS keystore where the app has one (Electron's safeStorage: desk.key.safe),
 * else 0600 in the private folder (desk.key). A plain key met by the app with a keystore is wrapped then.
 */
function deskSecrets(dataDir: string, protection?: KeyProtection): Sealer {
  const plainFile = deskKeyPath(dataDir);
  if (!protection) return sealerOf(loadSealKey({ keyFile: plainFile }));
  const wrappedFile = join(dataDir, 'desk.key.safe');
  if (!existsSync(wrappedFile) && existsSync(plainFile)) {
    writeFileSync(wrappedFile, protection.encrypt(Buffer.from(readFileSync(plainFile, 'utf8').trim(), 'base64')), { flag: 'wx', mode: 0o600 });
    rmSync(plainFile);
  }
  return sealerOf(loadSealKey({ keyFile: wrappedFile, protection }));
}

export function openStorage(dataDir: string, protection?: KeyProtection): { db: Db; blobs: BlobStore; secrets: Sealer } {
  keepPrivate(dataDir);
  return { db: openDatabase(databasePath(dataDir)), blobs: new BlobStore(filesPath(dataDir)), secrets: deskSecrets(dataDir, protection) };
}
