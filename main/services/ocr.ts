import { joinPageTexts } from '../../domain/documents/page-text';
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
import { hasTextLayer, pdfPageTexts } from '../../scanner/pdf/page-text';
import type { BlobStore } from '../../db/blob-store';
import type { Db } from '../../db/db';
import { z } from 'zod';
import { JobQueue, type JobSpec } from '../jobs/job-queue';

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

const DocumentJob = z.object({ documentId: z.string().min(1) });
const PageJob = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), resolution: z.number().int().positive() });

/** A document whose reading the app's stopping cut off: not a failure, it is read again at the next start. */
class Interrupted extends Error {}

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * OCR in the background: tray pages right after each scan, attached files after each attachment.
 * A page image is read once (cached by its SHA-256); a document's text enters the search index, with
 * the identifiers found in it, in one transaction when its last page is read. Documents still queued
 * when the app stopped are taken up again on the next start.
 */
export class DocumentOcr {
  private readonly inFlight = new Map<string, Promise<OcrPage>>();
  private stopped = false;
  /** Attached documents, one at a time (each keeps every worker busy with its pages). */
  private readonly documents: JobQueue<z.infer<typeof DocumentJob>>;
  /** Tray pages, read while the clerk arranges them; as many at once as there are workers. */
  private readonly trayPages: JobQueue<z.infer<typeof PageJob>>;

  constructor(
    private readonly ctx: OcrStorage,
    private readonly recogniser: Recogniser,
    options: { onError?: JobSpec<unknown>['onError'] } = {},
  ) {
    this.documents = new JobQueue(ctx.db, {
      queue: 'document-ocr',
      data: DocumentJob,
      run: ({ documentId }) => this.readDocument(documentId),
      maxAttempts: 3,
      giveUp: ({ documentId }, error) => failDocumentOcr(ctx.db, documentId, error instanceof Error ? error.message.slice(0, 200) : 'failed', ctx.now().toISOString()),
      onError: options.onError,
    });
    this.trayPages = new JobQueue(ctx.db, {
      queue: 'page-ocr',
      data: PageJob,
      run: async (page) => {
        await this.pageText(page);
      },
      concurrency: 4,
      // Best effort: a page not read here is read when it is attached.
      maxAttempts: 1,
      onError: options.onError,
    });
  }

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

  /** Tray pages just stored: each read in the background (in the caller's transaction: the job exists iff the pages do). */
  queueTrayPages(pages: { sha256: string; resolution: number }[]): void {
    for (const page of pages) this.trayPages.add({ sha256: page.sha256, resolution: page.resolution }, { key: page.sha256 });
  }

  /** A document just attached, to be read (in the attaching transaction, beside its queued OCR row). */
  queueDocument(documentId: string): void {
    this.documents.add({ documentId }, { key: documentId });
  }

  /** Starts the background reading, taking up what the last run left: its jobs, and any document queued without one. */
  resume(): void {
    this.ctx.db.transaction(() => {
      for (const queued of queuedDocumentOcr(this.ctx.db)) this.documents.add({ documentId: queued.documentId }, { key: queued.documentId });
    })();
    this.documents.start();
    this.trayPages.start();
  }

  /** Resolves when all background reading asked for so far has finished. */
  async idle(): Promise<void> {
    await Promise.all([this.documents.idle(), this.trayPages.idle()]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    // The queues learn of the stop first, so that readings cut off by the closing pool count as interrupted, not failed.
    const queuesStopped = Promise.all([this.documents.stop(), this.trayPages.stop()]);
    await this.recogniser.close();
    await queuesStopped;
  }

  private async readDocument(documentId: string): Promise<void> {
    const at = () => this.ctx.now().toISOString();
    const doc = getDocument(this.ctx.db, documentId);
    if (!doc) return;
    const bytes = this.ctx.blobs.get(doc.sha256);
    const file = await pagesForOcr(bytes);
    // A PDF's own text where a page has it (born-digital, or a scan with its text under it); OCR only for pages without.
    const layer = doc.mime === 'application/pdf' ? await pdfPageTexts(bytes) : [];
    // A few pages at a time: enough for every worker, never a whole long file decoded at once.
    let pagesDone = 0;
    const texts = await readPages(file, OCR_PAGES_IN_FLIGHT, async (page, index) => {
      const own = layer[index];
      const text = hasTextLayer(own) ? own : page ? (await this.pageText({ sha256: sha256Of(page.image), resolution: page.resolution, bytes: page.image })).text : '';
      if (!this.stopped) setDocumentOcrProgress(this.ctx.db, documentId, ++pagesDone, at());
      return text;
    });
    if (this.stopped) throw new Interrupted();
    const text = joinPageTexts(texts);
    this.ctx.db
      .transaction(() => {
        if (getDocument(this.ctx.db, documentId)) finishDocumentOcr(this.ctx.db, documentId, text, at());
      })
      .immediate();
  }
}
