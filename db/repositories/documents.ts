import type { Db } from '../db';
import { recordOf } from '../rows';

export interface DocumentRecord {
  id: string;
  applicationId: string;
  slotCode: string;
  fileName: string;
  mime: 'application/pdf' | 'image/jpeg' | 'image/png';
  size: number;
  sha256: string;
  pages: number;
  addedAt: string;
  addedBy: string;
}

const toRecord = (row: Record<string, unknown>) => recordOf<DocumentRecord>(row);

export function insertDocument(db: Db, d: DocumentRecord): void {
  db.prepare(
    `INSERT INTO documents (id, application_id, slot_code, file_name, mime, size, sha256, pages, added_at, added_by)
     VALUES (@id, @applicationId, @slotCode, @fileName, @mime, @size, @sha256, @pages, @addedAt, @addedBy)`,
  ).run(d);
}

export function getDocument(db: Db, id: string): DocumentRecord | null {
  const row = db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  return row ? toRecord(row) : null;
}

export function documentsOf(db: Db, applicationId: string): DocumentRecord[] {
  return (db.prepare('SELECT * FROM documents WHERE application_id = ? ORDER BY id').all(applicationId) as Record<string, unknown>[]).map(toRecord);
}

export function deleteDocument(db: Db, id: string): void {
  db.prepare('DELETE FROM documents WHERE id = ?').run(id);
}

export function paperMarksOf(db: Db, applicationId: string): Map<string, boolean> {
  const rows = db.prepare('SELECT slot_code, paper_presented FROM slot_marks WHERE application_id = ?').all(applicationId) as {
    slot_code: string;
    paper_presented: number;
  }[];
  return new Map(rows.map((r) => [r.slot_code, r.paper_presented === 1]));
}

export function setPaperMark(db: Db, applicationId: string, slotCode: string, presented: boolean): void {
  db.prepare(
    `INSERT INTO slot_marks (application_id, slot_code, paper_presented) VALUES (?, ?, ?)
     ON CONFLICT(application_id, slot_code) DO UPDATE SET paper_presented = excluded.paper_presented`,
  ).run(applicationId, slotCode, presented ? 1 : 0);
}
