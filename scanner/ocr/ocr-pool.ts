import { availableParallelism } from 'node:os';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import { OCR_LANGUAGE, ocrAssets } from './language-data';
import { prepareForOcr } from './prepare';

/** A recognised word, in the image's pixels (origin top left). */
export interface OcrWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrPage {
  text: string;
  /** Tesseract's mean word confidence, 0–100. */
  confidence: number;
  words: OcrWord[];
}

export interface OcrPoolOptions {
  /** Workers at most; by default one per core. */
  size?: number;
  /** A worker is replaced after this many pages: tesseract's WebAssembly heap only grows. */
  recycleAfter?: number;
}

interface Slot {
  worker: Promise<Worker>;
  pages: number;
  /** The job this worker is reading; a terminated worker never answers it, so close() does. */
  job: Job | null;
}

interface Job {
  image: Buffer;
  resolution: number;
  resolve: (page: OcrPage) => void;
  reject: (error: unknown) => void;
}

/**
 * Tesseract workers (worker threads, so the main process never blocks), started on first use, one job
 * each at a time. tesseract.js's own scheduler has no way to retire a worker, hence this small queue.
 */
export class OcrPool {
  readonly size: number;
  private readonly recycleAfter: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private closed = false;

  constructor(options: OcrPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism());
    this.recycleAfter = options.recycleAfter ?? 300;
  }

  /** `resolution` in dots per inch: tesseract sizes its expectations of letters by it. */
  recognize(image: Buffer, resolution = 300): Promise<OcrPage> {
    if (this.closed) return Promise.reject(new Error('OCR pool closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ image, resolution, resolve, reject });
      this.pump();
    });
  }

  /** Pages waiting for a worker. */
  get waiting(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    const closed = new Error('OCR pool closed');
    for (const job of this.queue.splice(0)) job.reject(closed);
    for (const slot of this.slots) slot.job?.reject(closed);
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.then((w) => w.terminate()).catch(() => undefined)));
  }

  private startWorker(): Slot {
    const { languageDir, workerPath } = ocrAssets();
    const worker = createWorker(OCR_LANGUAGE, OEM.LSTM_ONLY, {
      langPath: languageDir,
      workerPath,
      cacheMethod: 'none',
      gzip: true,
      // The failing job is rejected already; without a handler tesseract.js also throws it uncaught.
      errorHandler: () => undefined,
    });
    // An unobserved failure would crash the process; the job that awaits it reports it.
    worker.catch(() => undefined);
    return { worker, pages: 0, job: null };
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) {
        slot = this.startWorker();
        this.slots.push(slot);
      }
      if (!slot) return;
      void this.run(slot, this.queue.shift()!);
    }
  }

  private async run(slot: Slot, job: Job): Promise<void> {
    slot.job = job;
    try {
      const [worker, image] = await Promise.all([slot.worker, prepareForOcr(job.image)]);
      // Never call a worker close() has terminated: tesseract.js then throws from a promise nobody
      // holds (an unhandled rejection) and never settles the call. Checked before each call to it.
      if (this.closed) return;
      await worker.setParameters({ user_defined_dpi: String(job.resolution) });
      if (this.closed) return;
      const { data } = await worker.recognize(image, {}, { text: true, blocks: true });
      job.resolve(toPage(data));
    } catch (error) {
      job.reject(error);
      this.retire(slot);
    } finally {
      slot.pages++;
      slot.job = null;
      if (slot.pages >= this.recycleAfter) this.retire(slot);
      if (!this.closed) this.pump();
    }
  }

  private retire(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    void slot.worker.then((w) => w.terminate()).catch(() => undefined);
  }

  /** Pages each live worker has read; for tests of recycling. */
  get workerPages(): number[] {
    return this.slots.map((s) => s.pages);
  }
}

type TesseractPage = Awaited<ReturnType<Worker['recognize']>>['data'];

function toPage(data: TesseractPage): OcrPage {
  const words: OcrWord[] = [];
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        for (const word of line.words) {
          const text = word.text.trim();
          if (text) words.push({ text, ...word.bbox });
        }
      }
    }
  }
  return { text: data.text.trim(), confidence: data.confidence, words };
}
