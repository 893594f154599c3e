import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
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

export function openStorage(dataDir: string): { db: Db; blobs: BlobStore } {
  mkdirSync(dataDir, { recursive: true });
  return { db: openDatabase(databasePath(dataDir)), blobs: new BlobStore(filesPath(dataDir)) };
}
