import type { Db } from '../db';

export interface CapturePage {
  id: string;
  position: number;
  sha256: string;
  width: number;
  height: number;
  resolution: number;
  device: string;
  scannedAt: string;
  /** The image as scanned, when the page has been turned, cropped or straightened since. */
  originalSha256: string | null;
}

export function capturePages(db: Db, userId: string): CapturePage[] {
  return db
    .prepare(
      `SELECT id, position, sha256, width, height, resolution, device, scanned_at AS scannedAt, original_sha256 AS originalSha256
       FROM capture_pages WHERE user_id = ? ORDER BY position`,
    )
    .all(userId) as CapturePage[];
}

export function addCapturePage(db: Db, userId: string, page: Omit<CapturePage, 'position'>): void {
  const next = (db.prepare('SELECT coalesce(max(position), 0) + 1 AS n FROM capture_pages WHERE user_id = ?').get(userId) as { n: number }).n;
  db.prepare(
    `INSERT INTO capture_pages (id, user_id, position, sha256, width, height, resolution, device, scanned_at, original_sha256)
     VALUES (@id, @userId, @position, @sha256, @width, @height, @resolution, @device, @scannedAt, @originalSha256)`,
  ).run({ ...page, userId, position: next });
}

/** The page's image replaced; `originalSha256` null once it is back to the image as scanned. */
export function setCaptureImage(db: Db, userId: string, pageId: string, image: { sha256: string; width: number; height: number; originalSha256: string | null }): boolean {
  return (
    db
      .prepare('UPDATE capture_pages SET sha256 = @sha256, width = @width, height = @height, original_sha256 = @originalSha256 WHERE id = @pageId AND user_id = @userId')
      .run({ ...image, pageId, userId }).changes > 0
  );
}

export function setCapturePosition(db: Db, userId: string, pageId: string, position: number): void {
  db.prepare('UPDATE capture_pages SET position = ? WHERE id = ? AND user_id = ?').run(position, pageId, userId);
}

export function deleteCapturePage(db: Db, userId: string, pageId: string): void {
  db.prepare('DELETE FROM capture_pages WHERE id = ? AND user_id = ?').run(pageId, userId);
}
