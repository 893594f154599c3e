import type { Db } from '../open';

/** Network scanners added by hand, and the clerks' hot folders with what was taken from them. */
export interface NetworkScanner {
  url: string;
  name: string;
}

export function networkScanners(db: Db): NetworkScanner[] {
  return db.prepare('SELECT url, name FROM network_scanners ORDER BY name, url').all() as NetworkScanner[];
}

export function saveNetworkScanner(db: Db, scanner: NetworkScanner & { addedBy: string; addedAt: string }): void {
  db.prepare(
    `INSERT INTO network_scanners (url, name, added_by, added_at) VALUES (@url, @name, @addedBy, @addedAt)
     ON CONFLICT(url) DO UPDATE SET name = excluded.name`,
  ).run(scanner);
}

export function deleteNetworkScanner(db: Db, url: string): boolean {
  return db.prepare('DELETE FROM network_scanners WHERE url = ?').run(url).changes > 0;
}

export interface HotFolder {
  userId: string;
  path: string;
}

export function hotFolders(db: Db): HotFolder[] {
  return db.prepare('SELECT user_id AS userId, path FROM hot_folders ORDER BY added_at').all() as HotFolder[];
}

export function hotFolderOf(db: Db, userId: string): string | null {
  return (db.prepare('SELECT path FROM hot_folders WHERE user_id = ?').get(userId) as { path: string } | undefined)?.path ?? null;
}

export function setHotFolder(db: Db, userId: string, path: string | null, at: string): void {
  if (path === null) db.prepare('DELETE FROM hot_folders WHERE user_id = ?').run(userId);
  else db.prepare('INSERT INTO hot_folders (user_id, path, added_at) VALUES (?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET path = excluded.path, added_at = excluded.added_at').run(userId, path, at);
}

export interface HotFolderFile {
  fileName: string;
  sha256: string;
  outcome: 'taken' | 'duplicate' | 'refused';
  problem: string | null;
  pages: number;
  seenAt: string;
}

export function recordHotFolderFile(db: Db, userId: string, file: HotFolderFile): void {
  db.prepare(
    `INSERT INTO hot_folder_files (user_id, file_name, sha256, outcome, problem, pages, seen_at)
     VALUES (@userId, @fileName, @sha256, @outcome, @problem, @pages, @seenAt)`,
  ).run({ ...file, userId });
}

/** When this file was taken before, if it was. */
export function takenBefore(db: Db, userId: string, sha256: string): HotFolderFile | null {
  return (
    (db
      .prepare(
        `SELECT file_name AS fileName, sha256, outcome, problem, pages, seen_at AS seenAt FROM hot_folder_files
         WHERE user_id = ? AND sha256 = ? AND outcome = 'taken' ORDER BY id LIMIT 1`,
      )
      .get(userId, sha256) as HotFolderFile | undefined) ?? null
  );
}

export function recentHotFolderFiles(db: Db, userId: string, limit = 20): HotFolderFile[] {
  return db
    .prepare(
      `SELECT file_name AS fileName, sha256, outcome, problem, pages, seen_at AS seenAt FROM hot_folder_files
       WHERE user_id = ? ORDER BY id DESC LIMIT ?`,
    )
    .all(userId, limit) as HotFolderFile[];
}
