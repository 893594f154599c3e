import { createHash } from 'node:crypto';
import { MAX_FILE_BYTES } from '../../domain/sync/protocol';
import type { RegistryDb, Sql } from '../db/sql';
import type { Desk } from '../enrolment/enrolment';
import { RegistryRefusal } from '../refusal';

/**
 * A file belongs to the authorities whose desks uploaded it (the same bytes may come from two). Another
 * authority's file is, to a desk, one the registry does not have: it must upload the bytes itself, which
 * proves it holds them, and no answer tells it that anyone else does.
 */
async function ownedSize(db: Sql, desk: Desk, sha256: string): Promise<number | null> {
  const [file] = await db.query<{ size: number }>('SELECT f.size FROM files f JOIN file_owners o ON o.sha256 = f.sha256 WHERE f.sha256 = $1 AND o.authority_bin = $2', [sha256, desk.authorityBin]);
  return file?.size ?? null;
}

/** How much of a file the registry has for this desk's authority: all of it, or the bytes of its upload cut off so far. */
export async function receivedSoFar(db: Sql, desk: Desk, sha256: string): Promise<{ offset: number; complete: boolean }> {
  const size = await ownedSize(db, desk, sha256);
  if (size !== null) return { offset: size, complete: true };
  const [upload] = await db.query<{ length: number }>('SELECT length(received) AS length FROM uploads WHERE office_id = $1 AND sha256 = $2', [desk.officeId, sha256]);
  return { offset: upload?.length ?? 0, complete: false };
}

/**
 * One chunk of a content-addressed file, at the offset the desk says; an upload resumes where a cut
 * connection left it (the desk asks receivedSoFar first). When the last byte arrives the whole is
 * hashed: a match becomes a file, a mismatch is thrown away and refused.
 */
export async function receiveChunk(db: RegistryDb, desk: Desk, file: { sha256: string; size: number; offset: number }, chunk: Buffer): Promise<{ offset: number; complete: boolean }> {
  if (!Number.isSafeInteger(file.size) || file.size < 1 || file.size > MAX_FILE_BYTES) throw new RegistryRefusal(413, 'file-too-large');
  if (file.offset + chunk.length > file.size) throw new RegistryRefusal(400, 'chunk-beyond-size');
  // A file that comes whole in one chunk (most do) goes straight in, one statement: its bytes are written once.
  if (file.offset === 0 && chunk.length === file.size) return storeWhole(db, desk, file, chunk);
  return db.transaction(async (tx) => {
    const done = await ownedSize(tx, desk, file.sha256);
    if (done !== null) return { offset: done, complete: true };
    const [upload] = await tx.query<{ size: number; length: number }>(
      'SELECT size, length(received) AS length FROM uploads WHERE office_id = $1 AND sha256 = $2 FOR UPDATE',
      [desk.officeId, file.sha256],
    );
    const have = upload?.length ?? 0;
    if (upload && upload.size !== file.size) throw new RegistryRefusal(409, 'size-changed');
    if (file.offset !== have) throw new RegistryRefusal(409, 'offset-mismatch', String(have));
    if (upload) await tx.query('UPDATE uploads SET received = received || $3, updated_at = now() WHERE office_id = $1 AND sha256 = $2', [desk.officeId, file.sha256, chunk]);
    else await tx.query('INSERT INTO uploads (office_id, sha256, size, received) VALUES ($1, $2, $3, $4)', [desk.officeId, file.sha256, file.size, chunk]);
    const offset = have + chunk.length;
    if (offset < file.size) return { offset, complete: false };
    const [whole] = await tx.query<{ received: Uint8Array }>('DELETE FROM uploads WHERE office_id = $1 AND sha256 = $2 RETURNING received', [desk.officeId, file.sha256]);
    return storeWhole(tx, desk, file, Buffer.from(whole!.received));
  });
}

/** The whole file, kept if it hashes to its name; otherwise nothing is kept and the upload is refused (offset -1). */
async function storeWhole(tx: Sql, desk: Desk, file: { sha256: string; size: number }, content: Buffer): Promise<{ offset: number; complete: boolean }> {
  if (createHash('sha256').update(content).digest('hex') !== file.sha256) return { offset: -1, complete: false };
  await tx.query(
    `WITH stored AS (INSERT INTO files (sha256, size, content, office_id) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING)
     INSERT INTO file_owners (sha256, authority_bin) VALUES ($1, $5) ON CONFLICT DO NOTHING`,
    [file.sha256, file.size, content, desk.officeId, desk.authorityBin],
  );
  return { offset: file.size, complete: true };
}

/** A stored file, for a desk of an authority that uploaded it (the other desks of an office fetch documents so). */
export async function fileForDesk(db: Sql, desk: Desk, sha256: string): Promise<Buffer | null> {
  const [row] = await db.query<{ content: Uint8Array }>(
    'SELECT f.content FROM files f JOIN file_owners o ON o.sha256 = f.sha256 WHERE f.sha256 = $1 AND o.authority_bin = $2',
    [sha256, desk.authorityBin],
  );
  return row ? Buffer.from(row.content) : null;
}
