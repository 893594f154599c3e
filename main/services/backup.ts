import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BlobStore, sha256Hex } from '../../db/blob-store';
import type { Db } from '../../db/db';
import { integrityCheck, openDatabase } from '../../db/open';
import { verifyAudit } from '../../db/audit/verify';
import { LATEST_VERSION, schemaVersion } from '../../db/migrations';
import { getEnrolment, replaceEnrolmentIdentity } from '../../db/repositories/registry-link';
import { closeHeldNumbers } from '../sync/numbers-held';
import { loadSealKey, sealerOf, type Sealer } from '../../pki/sealing';
import { databasePath, deskKeyPath, filesPath } from '../storage';
import { checkStore } from './store-check';

/**
 * A desk's backup: the database as an online SQLite snapshot (the desk keeps working while it is taken)
 * and the stored files, each sealed (AES-256-GCM) under a key drawn from the administrator's passphrase
 * (scrypt) — a backup on a USB drive left in a drawer gives nothing to its finder. Files are named by their
 * content, so a backup to the same folder again writes only the files that are new (incremental); the
 * database snapshot replaces the previous one whole.
 *
 * The desk's TLS key to the registry goes in sealed the same way (on the desk it is sealed under a key
 * that dies with the disk), so a restored desk is still the desk the registry knows.
 *
 * A restore checks the snapshot (SQLite integrity, schema, the audit chain, every stored file against its
 * hash) before it takes the place of anything. The restored desk cannot know which numbers its lost copy
 * gave after the backup: its blocks are closed, and it leases new ones before it signs. Its first sync
 * tells the rest: if the lost copy sent nothing after the backup, it goes on; if it did, the registry says
 * the desk has diverged, and its administrator enrols it again.
 */

export const BACKUP_MANIFEST = 'ajo-backup.json';
const DATABASE_FILE = 'database.enc';
const IDENTITY_FILE = 'identity.enc';
const FILES_DIR = 'files';
const CHECK_TEXT = 'ajo backup v1';

const Manifest = z
  .object({
    format: z.literal(1),
    salt: z.string().regex(/^[0-9a-f]{32}$/),
    /** CHECK_TEXT sealed: a wrong passphrase is told at once, before anything is read or written. */
    check: z.string(),
    takenAt: z.string(),
    files: z.number().int().nonnegative(),
  })
  .strict();
type Manifest = z.output<typeof Manifest>;

export class BackupError extends Error {
  constructor(
    readonly code: 'passphrase-missing' | 'passphrase-wrong' | 'not-a-backup' | 'backup-damaged' | 'restore-target-in-use' | 'backup-fails-checks',
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

export interface BackupProgress {
  phase: 'database' | 'files';
  done: number;
  total: number;
}

const keyOf = (passphrase: string, salt: string) => scryptSync(passphrase.normalize('NFC'), Buffer.from(salt, 'hex'), 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });

function seal(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Buffer, what: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  } catch {
    throw new BackupError('backup-damaged', `${what} in the backup is damaged or was sealed under another passphrase`);
  }
}

/** Written whole or not at all: a cut-off backup never leaves half a file under a final name. */
function writeWhole(path: string, bytes: Buffer) {
  writeFileSync(`${path}.partial`, bytes, { mode: 0o600 });
  renameSync(`${path}.partial`, path);
}

function readManifest(dir: string): Manifest | null {
  const path = join(dir, BACKUP_MANIFEST);
  if (!existsSync(path)) return null;
  const parsed = Manifest.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new BackupError('not-a-backup', `${path} is not a backup of this workstation`);
  return parsed.data;
}

function keyFor(dir: string, passphrase: string, manifest: Manifest): Buffer {
  const key = keyOf(passphrase, manifest.salt);
  try {
    if (open(key, Buffer.from(manifest.check, 'base64'), 'the check').toString('utf8') === CHECK_TEXT) return key;
  } catch {
    // told below
  }
  throw new BackupError('passphrase-wrong', `the passphrase does not open the backup in ${dir}`);
}

/** Takes a backup of the desk into `dir` (made if missing): the database snapshot and the files the folder does not have yet. */
export async function backupDesk(
  desk: { db: Db; dataDir: string; now: () => Date; secrets: Sealer },
  dir: string,
  passphrase: string,
  onProgress: (progress: BackupProgress) => void = () => undefined,
): Promise<{ files: number; newFiles: number; databaseBytes: number }> {
  if (!passphrase) throw new BackupError('passphrase-missing', 'a backup needs a passphrase (AJO_BACKUP_PASSPHRASE)');
  mkdirSync(join(dir, FILES_DIR), { recursive: true, mode: 0o700 });
  let manifest = readManifest(dir);
  let key: Buffer;
  if (manifest) key = keyFor(dir, passphrase, manifest);
  else {
    const salt = randomBytes(16).toString('hex');
    key = keyOf(passphrase, salt);
    manifest = { format: 1, salt, check: seal(key, Buffer.from(CHECK_TEXT)).toString('base64'), takenAt: '', files: 0 };
  }
  // The snapshot is taken into the desk's own private folder: its plain bytes never touch the backup medium.
  const snapshot = join(desk.dataDir, `backup-snapshot-${process.pid}.sqlite`);
  try {
    await desk.db.backup(snapshot, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress({ phase: 'database', done: totalPages - remainingPages, total: totalPages });
        return 256;
      },
    });
    const plain = readFileSync(snapshot);
    writeWhole(join(dir, DATABASE_FILE), seal(key, plain));
    const enrolment = getEnrolment(desk.db);
    if (enrolment) writeWhole(join(dir, IDENTITY_FILE), seal(key, Buffer.from(desk.secrets.open(enrolment.privateKeyPem))));
    const blobs = new BlobStore(filesPath(desk.dataDir));
    const all = blobs.list();
    let newFiles = 0;
    all.forEach((sha256, i) => {
      const target = join(dir, FILES_DIR, `${sha256}.enc`);
      if (!existsSync(target)) {
        writeWhole(target, seal(key, blobs.get(sha256)));
        newFiles++;
      }
      onProgress({ phase: 'files', done: i + 1, total: all.length });
    });
    writeWhole(join(dir, BACKUP_MANIFEST), Buffer.from(JSON.stringify({ ...manifest, takenAt: desk.now().toISOString(), files: all.length })));
    return { files: all.length, newFiles, databaseBytes: plain.length };
  } finally {
    rmSync(snapshot, { force: true });
  }
}

/**
 * Restores a backup into an empty data folder (a desk that is running, or one with a database of its
 * own, is never overwritten): checked whole before it is put in place, then set to enrol again.
 */
export async function restoreDesk(
  from: string,
  dataDir: string,
  passphrase: string,
  onProgress: (progress: BackupProgress) => void = () => undefined,
): Promise<{ files: number; takenAt: string }> {
  if (!passphrase) throw new BackupError('passphrase-missing', 'a restore needs the backup’s passphrase (AJO_BACKUP_PASSPHRASE)');
  const manifest = readManifest(from);
  if (!manifest || !existsSync(join(from, DATABASE_FILE))) throw new BackupError('not-a-backup', `${from} holds no backup of this workstation`);
  const key = keyFor(from, passphrase, manifest);
  if (existsSync(databasePath(dataDir))) throw new BackupError('restore-target-in-use', `${dataDir} already holds a desk's database: restore into an empty folder`);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const staging = join(dataDir, 'restoring.sqlite');
  writeFileSync(staging, open(key, readFileSync(join(from, DATABASE_FILE)), 'the database'), { mode: 0o600 });
  const blobs = new BlobStore(filesPath(dataDir));
  const names = manifest.files > 0 ? readdirNames(join(from, FILES_DIR)) : [];
  names.forEach((sha256, i) => {
    const bytes = open(key, readFileSync(join(from, FILES_DIR, `${sha256}.enc`)), `file ${sha256}`);
    if (sha256Hex(bytes) !== sha256) throw new BackupError('backup-damaged', `file ${sha256} in the backup does not match its name`);
    blobs.put(bytes);
    onProgress({ phase: 'files', done: i + 1, total: names.length });
  });
  const problems = await checkRestored(staging, blobs);
  if (problems.length > 0) {
    rmSync(staging, { force: true });
    throw new BackupError('backup-fails-checks', `the backup fails its checks: ${problems.slice(0, 5).join('; ')}`, problems);
  }
  const identity = existsSync(join(from, IDENTITY_FILE)) ? open(key, readFileSync(join(from, IDENTITY_FILE)), 'the desk’s identity').toString('utf8') : null;
  const secrets = sealerOf(loadSealKey({ keyFile: deskKeyPath(dataDir) }));
  const db = openDatabase(staging);
  try {
    db.transaction(() => afterRestore(db, identity === null ? null : secrets.seal(identity)))();
  } finally {
    db.close();
  }
  renameSync(staging, databasePath(dataDir));
  return { files: names.length, takenAt: manifest.takenAt };
}

function readdirNames(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((n) => /^[0-9a-f]{64}\.enc$/.test(n)).map((n) => n.slice(0, 64)) : [];
}

/** `ajo db check` and `ajo audit verify`, on the snapshot before it is used. */
async function checkRestored(file: string, blobs: BlobStore): Promise<string[]> {
  const db = openDatabase(file, { readonly: true });
  try {
    const integrity = integrityCheck(db);
    if (integrity.length > 0) return integrity;
    const version = schemaVersion(db);
    if (version !== LATEST_VERSION) return [`schema version ${version}, this app's is ${LATEST_VERSION}`];
    const audit = verifyAudit(db);
    const store = await checkStore({ db, blobs });
    return [...(audit.ok ? [] : [`audit chain: ${JSON.stringify(audit).slice(0, 200)}`]), ...store.map((p) => `${p.check} ${p.subject}: ${p.problem}`)];
  } finally {
    db.close();
  }
}

/** Its blocks closed (their numbers may be spent); its identity sealed under this disk's key. */
function afterRestore(db: Db, sealedIdentity: string | null) {
  closeHeldNumbers(db);
  const enrolment = getEnrolment(db);
  if (enrolment && sealedIdentity) replaceEnrolmentIdentity(db, { ...enrolment, privateKeyPem: sealedIdentity });
}
