import { findIdentifiers } from '../../domain/ids/find-identifiers';
import type { Db } from '../db';

/** What OCR read from one page image. Words are kept for the invisible text layer. */
export interface OcrPageRecord {
  sha256: string;
  text: string;
  wordsJson: string;
  confidence: number;
}

export function ocrPageOf(db: Db, sha256: string): OcrPageRecord | null {
  return (
    (db.prepare('SELECT sha256, text, words_json AS wordsJson, confidence FROM ocr_pages WHERE sha256 = ?').get(sha256) as OcrPageRecord | undefined) ?? null
  );
}

export function putOcrPage(db: Db, page: OcrPageRecord, at: string): void {
  db.prepare(
    `INSERT INTO ocr_pages (sha256, text, words_json, confidence, recognised_at) VALUES (@sha256, @text, @wordsJson, @confidence, @at)
     ON CONFLICT (sha256) DO NOTHING`,
  ).run({ ...page, at });
}

export type DocumentOcrStatus = 'queued' | 'done' | 'failed';

export interface DocumentOcrRecord {
  documentId: string;
  status: DocumentOcrStatus;
  pagesTotal: number;
  pagesDone: number;
  identifiers: string[];
  problem: string | null;
}

const OCR_COLUMNS = 'document_id AS documentId, status, pages_total AS pagesTotal, pages_done AS pagesDone, identifiers_json AS identifiersJson, problem';

function toOcrRecord(row: Record<string, unknown>): DocumentOcrRecord {
  const { identifiersJson, ...rest } = row as unknown as Omit<DocumentOcrRecord, 'identifiers'> & { identifiersJson: string };
  return { ...rest, identifiers: JSON.parse(identifiersJson) as string[] };
}

export function queueDocumentOcr(db: Db, documentId: string, pagesTotal: number, at: string): void {
  db.prepare(
    `INSERT INTO document_ocr (document_id, status, pages_total, pages_done, updated_at) VALUES (?, 'queued', ?, 0, ?)
     ON CONFLICT (document_id) DO UPDATE SET status = 'queued', pages_total = excluded.pages_total, pages_done = 0, problem = NULL, updated_at = excluded.updated_at`,
  ).run(documentId, pagesTotal, at);
}

export function setDocumentOcrProgress(db: Db, documentId: string, pagesDone: number, at: string): void {
  db.prepare('UPDATE document_ocr SET pages_done = ?, updated_at = ? WHERE document_id = ?').run(pagesDone, at, documentId);
}

/** The document's text becomes searchable and its state final, together, with the IINs/BINs found in it. */
export function finishDocumentOcr(db: Db, documentId: string, text: string, at: string): void {
  db.prepare('DELETE FROM document_text WHERE document_id = ?').run(documentId);
  db.prepare('INSERT INTO document_text (document_id, text) VALUES (?, ?)').run(documentId, text);
  db.prepare(
    `UPDATE document_ocr SET status = 'done', pages_done = pages_total, identifiers_json = ?, problem = NULL, updated_at = ? WHERE document_id = ?`,
  ).run(JSON.stringify(findIdentifiers(text)), at, documentId);
}

export function failDocumentOcr(db: Db, documentId: string, problem: string, at: string): void {
  db.prepare(`UPDATE document_ocr SET status = 'failed', problem = ?, updated_at = ? WHERE document_id = ?`).run(problem, at, documentId);
}

export function documentOcrOf(db: Db, documentId: string): DocumentOcrRecord | null {
  const row = db.prepare(`SELECT ${OCR_COLUMNS} FROM document_ocr WHERE document_id = ?`).get(documentId) as Record<string, unknown> | undefined;
  return row ? toOcrRecord(row) : null;
}

export function queuedDocumentOcr(db: Db): DocumentOcrRecord[] {
  return (db.prepare(`SELECT ${OCR_COLUMNS} FROM document_ocr WHERE status = 'queued' ORDER BY updated_at`).all() as Record<string, unknown>[]).map(toOcrRecord);
}

/** The document's whole recognised text, pages apart by form feeds (domain/documents/page-text); null before it is read. */
export function documentTextOf(db: Db, documentId: string): string | null {
  return (db.prepare('SELECT text FROM document_text WHERE document_id = ?').pluck().get(documentId) as string | undefined) ?? null;
}

/** FTS5 has no foreign keys: a removed document's text is removed by hand. */
export function deleteDocumentText(db: Db, documentId: string): void {
  db.prepare('DELETE FROM document_text WHERE document_id = ?').run(documentId);
}

export interface TextHit {
  documentId: string;
  snippet: string;
}

/** `query` is an FTS5 expression built by the caller from the clerk's words. */
export function searchDocumentText(db: Db, query: string, limit: number): TextHit[] {
  return db
    .prepare(
      `SELECT document_id AS documentId, snippet(document_text, 1, '[', ']', '…', 12) AS snippet
       FROM document_text WHERE document_text MATCH ? ORDER BY rank LIMIT ?`,
    )
    .all(query, limit) as TextHit[];
}
