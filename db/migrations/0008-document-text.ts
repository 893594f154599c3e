import type { Migration } from './migration';

/**
 * OCR: what was read from each page image (keyed by the image's SHA-256, so a page is read once
 * whether it sits in the tray or in a document), each document's recognition state with the IINs and
 * BINs found in it, and a full-text index over documents. unicode61 folds case in both alphabets;
 * diacritics are kept, or Kazakh ә/қ/ң/ө/ұ/ү would match а/к/н/о/у.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'document-text',
  sql: `
    CREATE TABLE ocr_pages (
      sha256 TEXT PRIMARY KEY,
      text TEXT NOT NULL,
      words_json TEXT NOT NULL,
      confidence REAL NOT NULL,
      recognised_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE document_ocr (
      document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
      status TEXT NOT NULL CHECK (status IN ('queued', 'done', 'failed')),
      pages_total INTEGER NOT NULL CHECK (pages_total >= 0),
      pages_done INTEGER NOT NULL DEFAULT 0 CHECK (pages_done >= 0),
      identifiers_json TEXT NOT NULL DEFAULT '[]',
      problem TEXT,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX document_ocr_status ON document_ocr(status);
    CREATE VIRTUAL TABLE document_text USING fts5(document_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 0');
  `,
};
