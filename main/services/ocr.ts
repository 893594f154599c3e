import { createHash } from 'node:crypto';
import { getDocument } from '../../db/repositories/documents';
import {
  failDocumentOcr,
  finishDocumentOcr,
  ocrPageOf,
  putOcrPage,
  queuedDocumentOcr,
  setDocumentOcrProgress,
} from '../../db/repositories/document-text';
import type { OcrPage, OcrWord } from '../../scanner/ocr/ocr-pool';
import { pagesForOcr, readPages } from '../../scanner/ocr/file-pages';
import type { BlobStore } from '../../db/blob-store';
import type { Db } from '../../db/open';

/** What reads page images; the OCR pool in the app, the same pool in tests. */
export interface Recogniser {
  recognize(image: Buffer, resolution?: number): Promise<OcrPage>;
  close(): Promise<void>;
}

export interface PageImageRef {
  sha256: string;
  resolution: number;
  /** The image itself when it is not in the file store (a page image taken out of a PDF). */
  bytes?: Buffer;
}

/** The part of the core's context OCR works with (it is built before the rest). */
export interface OcrStorage {
  db: Db;
  blobs: BlobStore;
  now: () => Date;
}

/** Pages of one document decoded and queued for OCR at a time. */
const OCR_PAGES_IN_FLIGHT = 4;

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * OCR in the background: tray pages right after each scan, attached files after each attachment.
 * A page image is read once (cached by its SHA-256); a document's text enters the search index, with
 * the identifiers found in it, in one transaction when its last page is read. Documents still queued
 * when the app stopped are taken up again on the next start.
 */
export class DocumentOcr {
  private readonly inFlight = new Map<string, Promise<OcrPage>>();
  private readonly work = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(
    private readonly ctx: OcrStorage,
    private readonly recogniser: Recogniser,
  ) {}

  /** The text of a stored page image: from the cache, else read now (once, however many ask). */
  pageText(page: PageImageRef): Promise<OcrPage> {
    const cached = ocrPageOf(this.ctx.db, page.sha256);
    if (cached) return Promise.resolve({ text: cached.text, confidence: cached.confidence, words: JSON.parse(cached.wordsJson) as OcrWord[] });
    let reading = this.inFlight.get(page.sha256);
    if (!reading) {
      reading = this.recogniser.recognize(page.bytes ?? this.ctx.blobs.get(page.sha256), page.resolution).then((result) => {
        if (!this.stopped) {
          putOcrPage(this.ctx.db, { sha256: page.sha256, text: result.text, wordsJson: JSON.stringify(result.words), confidence: result.confidence }, this.ctx.now().toISOString());
        }
        return result;
      });
      const forget = () => this.inFlight.delete(page.sha256);
      reading.then(forget, forget);
      this.inFlight.set(page.sha256, reading);
    }
    return reading;
  }

  /** Tray pages are read while the clerk arranges them; a failure here is retried when the pages are attached. */
  readInBackground(pages: PageImageRef[]): void {
    for (const page of pages) this.track(this.pageText(page).catch(() => undefined));
  }

  /** Starts reading a document whose OCR row was queued in the attaching transaction. */
  start(documentId: string): void {
    this.track(this.readDocument(documentId));
  }

  /** Takes up documents left queued by a previous run. */
  resume(): void {
    for (const queued of queuedDocumentOcr(this.ctx.db)) this.start(queued.documentId);
  }

  /** Page images being read or waiting for a worker. */
  get pagesInProgress(): number {
    return this.inFlight.size;
  }

  /** Resolves when all background work started so far has finished. */
  async idle(): Promise<void> {
    while (this.work.size > 0) await Promise.allSettled([...this.work]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.recogniser.close();
    await this.idle();
  }

  private track(promise: Promise<unknown>): void {
    this.work.add(promise);
    const done = () => this.work.delete(promise);
    promise.then(done, done);
  }

  private async readDocument(documentId: string): Promise<void> {
    const at = () => this.ctx.now().toISOString();
    try {
      const doc = getDocument(this.ctx.db, documentId);
      if (!doc) return;
      const file = await pagesForOcr(this.ctx.blobs.get(doc.sha256));
      // A few pages at a time: enough for every worker, never a whole long file decoded at once.
      let pagesDone = 0;
      const texts = await readPages(file, OCR_PAGES_IN_FLIGHT, async (page) => {
        const text = page ? (await this.pageText({ sha256: sha256Of(page.image), resolution: page.resolution, bytes: page.image })).text : '';
        if (!this.stopped) setDocumentOcrProgress(this.ctx.db, documentId, ++pagesDone, at());
        return text;
      });
      if (this.stopped) return;
      const text = texts.filter(Boolean).join('\n\n');
      this.ctx.db
        .transaction(() => {
          if (getDocument(this.ctx.db, documentId)) finishDocumentOcr(this.ctx.db, documentId, text, at());
        })
        .immediate();
    } catch (error) {
      if (this.stopped) return;
      failDocumentOcr(this.ctx.db, documentId, error instanceof Error ? error.message.slice(0, 200) : 'failed', at());
    }
  }
}
