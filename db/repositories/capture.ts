import type { Db } from '../open';

export interface CapturePage {
  id: string;
  position: number;
  sha256: string;
  width: number;
  height: number;
  resolution: number;
  device: string;
  scannedAt: string;
}

export function capturePages(db: Db, userId: string): CapturePage[] {
  return db
    .prepare(
      `SELECT id, position, sha256, width, height, resolution, device, scanned_at AS scannedAt
       FROM capture_pages WHERE user_id = ? ORDER BY position`,
    )
    .all(userId) as CapturePage[];
}

export function addCapturePage(db: Db, userId: string, page: Omit<CapturePage, 'position'>): void {
  const next = (db.prepare('SELECT coalesce(max(position), 0) + 1 AS n FROM capture_pages WHERE user_id = ?').get(userId) as { n: number }).n;
  db.prepare(
    `INSERT INTO capture_pages (id, user_id, position, sha256, width, height, resolution, device, scanned_at)
     VALUES (@id, @userId, @position, @sha256, @width, @height, @resolution, @device, @scannedAt)`,
  ).run({ ...page, userId, position: next });
}

export function setCapturePosition(db: Db, userId: string, pageId: string, position: number): void {
  db.prepare('UPDATE capture_pages SET position = ? WHERE id = ? AND user_id = ?').run(position, pageId, userId);
}

export function deleteCapturePage(db: Db, userId: string, pageId: string): void {
  db.prepare('DELETE FROM capture_pages WHERE id = ? AND user_id = ?').run(pageId, userId);
}
