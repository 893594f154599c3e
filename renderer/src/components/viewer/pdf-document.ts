import { getDocument, GlobalWorkerOptions, PDFDataRangeTransport, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { MAX_READ_BYTES } from '../../../../domain/api/documents';
import { api } from '../../api';
import { base64ToBytes } from '../files';

// The worker is served from the app's own files (the CSP allows no other script).
GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * PDF.js reads the document through the core in the pieces it needs (documents.read): the cross-
 * reference table, then the objects of the pages shown. A 200-page scan opens without its other
 * 199 page images being fetched, over IPC in Electron as over the web host.
 */
class CoreRange extends PDFDataRangeTransport {
  constructor(
    private readonly documentId: string,
    size: number,
  ) {
    super(size, null);
  }

  override requestDataRange(begin: number, end: number): void {
    void this.read(begin, end).then(
      (bytes) => this.onDataRange(begin, bytes),
      () => this.abort(),
    );
  }

  /** One answer per request: PDF.js matches answers to requests by where they begin. */
  private async read(begin: number, end: number): Promise<Uint8Array> {
    const pieces: Uint8Array[] = [];
    for (let offset = begin; offset < end; offset += MAX_READ_BYTES) {
      const piece = await api['documents.read']({ documentId: this.documentId, offset, length: Math.min(MAX_READ_BYTES, end - offset) });
      pieces.push(base64ToBytes(piece.contentBase64));
    }
    if (pieces.length === 1) return pieces[0]!;
    const joined = new Uint8Array(pieces.reduce((sum, p) => sum + p.length, 0));
    let at = 0;
    for (const piece of pieces) {
      joined.set(piece, at);
      at += piece.length;
    }
    return joined;
  }
}

export interface OpenedPdf {
  promise: Promise<PDFDocumentProxy>;
  destroy: () => Promise<void>;
}

const SAFE = {
  isEvalSupported: false,
  enableXfa: false,
  // Scans are CCITT G4 or JPEG, decoded in JavaScript; no WebAssembly to fetch or permit.
  useWasm: false,
};

/** A stored document, read piece by piece as its pages are shown. */
export function openStoredPdf(documentId: string, size: number): OpenedPdf {
  const task = getDocument({ ...SAFE, range: new CoreRange(documentId, size), length: size, rangeChunkSize: 64 * 1024, disableAutoFetch: true, disableStream: true });
  return { promise: task.promise, destroy: () => task.destroy() };
}

/** A document already in hand (a decision's preview: a few pages the core has just made). */
export function openPdfBytes(bytes: Uint8Array): OpenedPdf {
  // PDF.js takes its copy's buffer to its worker: it gets one of its own.
  const task = getDocument({ ...SAFE, data: bytes.slice() });
  return { promise: task.promise, destroy: () => task.destroy() };
}
