import type { Db } from '../db';

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
  /** Files there when it was chosen (name → fingerprint): left alone. */
  existing: Map<string, string>;
}

function toHotFolder(row: { userId: string; path: string; existingJson: string }): HotFolder {
  return { userId: row.userId, path: row.path, existing: new Map(Object.entries(JSON.parse(row.existingJson) as Record<string, string>)) };
}

export function hotFolders(db: Db): HotFolder[] {
  const rows = db.prepare('SELECT user_id AS userId, path, existing_json AS existingJson FROM hot_folders ORDER BY added_at').all() as { userId: string; path: string; existingJson: string }[];
  return rows.map(toHotFolder);
}

export function hotFolderOf(db: Db, userId: string): HotFolder | null {
  const row = db.prepare('SELECT user_id AS userId, path, existing_json AS existingJson FROM hot_folders WHERE user_id = ?').get(userId) as
    | { userId: string; path: string; existingJson: string }
    | undefined;
  return row ? toHotFolder(row) : null;
}

export function setHotFolder(db: Db, userId: string, folder: { path: string; existing: Map<string, string> } | null, at: string): void {
  if (folder === null) db.prepare('DELETE FROM hot_folders WHERE user_id = ?').run(userId);
  else {
    db.prepare(
      `INSERT INTO hot_folders (user_id, path, existing_json, added_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(user_id) DO UPDATE SET path = excluded.path, existing_json = excluded.existing_json, added_at = excluded.added_at`,
    ).run(userId, folder.path, JSON.stringify(Object.fromEntries(folder.existing)), at);
  }
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

/** Whether this very file was last seen turned away for this reason (so a restart does not record it again). */
export function turnedAwayBefore(db: Db, userId: string, file: Pick<HotFolderFile, 'fileName' | 'sha256' | 'problem'>): boolean {
  const last = db
    .prepare('SELECT outcome, problem FROM hot_folder_files WHERE user_id = ? AND file_name = ? AND sha256 = ? ORDER BY id DESC LIMIT 1')
    .get(userId, file.fileName, file.sha256) as { outcome: string; problem: string | null } | undefined;
  return last !== undefined && last.outcome !== 'taken' && last.problem === file.problem;
}

export function recentHotFolderFiles(db: Db, userId: string, limit = 20): HotFolderFile[] {
  return db
    .prepare(
      `SELECT file_name AS fileName, sha256, outcome, problem, pages, seen_at AS seenAt FROM hot_folder_files
       WHERE user_id = ? ORDER BY id DESC LIMIT ?`,
    )
    .all(userId, limit) as HotFolderFile[];
}
