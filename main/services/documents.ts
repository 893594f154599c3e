import { AppError } from '../../domain/api/errors';
import { mayUseApplication } from '../../domain/applications/ownership';
import type { ApplicationDetail } from '../../domain/api/contract';
import { newId } from '../../db/ids';
import { deleteDocument, getDocument, insertDocument, setPaperMark, type DocumentRecord } from '../../db/repositories/documents';
import { appendEvent } from '../../db/repositories/events';
import { findIdentifiers } from '../../domain/ids/find-identifiers';
import { pageTextOf } from '../../domain/documents/page-text';
import { deleteDocumentText, documentOcrOf, documentTextOf, finishDocumentOcr, queueDocumentOcr, searchDocumentText } from '../../db/repositories/document-text';
import type { UserRecord } from '../../db/repositories/users';
import { ImportError, inspectFile } from '../../scanner/import-file';
import { importedPages } from '../../scanner/import-pages';
import { compactPdf } from '../../scanner/pdf/compact-pdf';
import { inTransaction, type CoreContext } from '../context';
import { applicantOf, detailOf, loadApplication, slotDefinitions } from './application-view';
import { requireAllowed } from './permission';

type DocumentCall = 'documents.attach' | 'documents.remove' | 'documents.setPaperPresented' | 'scanner.attach';

/** Documents change only on a draft (domain/api/can), and only in one of its procedure's slots. */
function requireDraftSlot(ctx: CoreContext, user: UserRecord, call: DocumentCall, applicationId: string, slotCode: string) {
  const app = loadApplication(ctx, applicationId);
  requireAllowed(user, call, app);
  if (!slotDefinitions(ctx, app).some((s) => s.code === slotCode)) throw new AppError('invalid-input', 'unknown-document-slot');
  return app;
}

/** File names keep what the clerk recognises, minus path parts and control characters. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join('').trim();
  if (!cleaned) throw new AppError('invalid-input', 'file-name');
  return cleaned;
}

export function attachDocument(
  ctx: CoreContext,
  input: { applicationId: string; slotCode: string; fileName: string; contentBase64: string },
  user: UserRecord,
): Promise<ApplicationDetail> {
  return attachBytes(ctx, { ...input, bytes: Buffer.from(input.contentBase64, 'base64') }, user);
}

/**
 * Attaches a file to a slot of a draft; `alongside` runs in the same transaction (the scanned pages
 * leave the clerk's tray exactly when their document is attached). A document whose text is already
 * known (scanned pages read in the tray) is searchable at once; any other is read in the background.
 */
export async function attachBytes(
  ctx: CoreContext,
  input: { applicationId: string; slotCode: string; fileName: string; bytes: Buffer; recognisedText?: string },
  user: UserRecord,
  alongside?: { call: 'scanner.attach'; work: () => void },
): Promise<ApplicationDetail> {
  const call = alongside?.call ?? 'documents.attach';
  requireDraftSlot(ctx, user, call, input.applicationId, input.slotCode);
  let fileName = cleanFileName(input.fileName);
  let bytes = input.bytes;
  let inspected: { mime: DocumentRecord['mime']; pages: number };
  try {
    const found = await inspectFile(bytes);
    if (found.mime === 'image/tiff') {
      // Viewers and the registry take PDF; a TIFF's pages become one, read by OCR like any other.
      const pages = (await importedPages(bytes)).map((page) => ({ image: page.png, resolution: page.resolution }));
      bytes = (await compactPdf(pages, { title: fileName, created: ctx.now() })).pdf;
      fileName = fileName.replace(/\.tiff?$/i, '') + '.pdf';
      inspected = { mime: 'application/pdf', pages: found.pages };
    } else {
      inspected = { mime: found.mime, pages: found.pages };
    }
  } catch (error) {
    if (error instanceof ImportError) throw new AppError('invalid-input', `file-${error.problem}`);
    throw error;
  }
  // The blob goes first: content-addressed and idempotent, so a failed transaction leaves at most an unreferenced file.
  const sha256 = ctx.blobs.put(bytes);
  const id = newId();
  inTransaction(ctx, () => {
    const app = requireDraftSlot(ctx, user, call, input.applicationId, input.slotCode);
    const at = ctx.now().toISOString();
    insertDocument(ctx.db, {
      id,
      applicationId: app.id,
      slotCode: input.slotCode,
      fileName,
      mime: inspected.mime,
      size: bytes.length,
      sha256,
      pages: inspected.pages,
      addedAt: at,
      addedBy: user.id,
    });
    appendEvent(ctx.db, { at, actorId: user.id, entity: 'document', entityId: id, type: 'document.attached', payload: { applicationId: app.id, slotCode: input.slotCode, sha256 } });
    queueDocumentOcr(ctx.db, id, inspected.pages, at);
    if (input.recognisedText !== undefined) finishDocumentOcr(ctx.db, id, input.recognisedText, at);
    else ctx.ocr.queueDocument(id);
    alongside?.work();
  });
  return detailOf(ctx, input.applicationId);
}

export function removeDocument(ctx: CoreContext, documentId: string, user: UserRecord): ApplicationDetail {
  const doc = getDocument(ctx.db, documentId);
  if (!doc) throw new AppError('not-found', 'document');
  inTransaction(ctx, () => {
    requireDraftSlot(ctx, user, 'documents.remove', doc.applicationId, doc.slotCode);
    deleteDocument(ctx.db, documentId);
    deleteDocumentText(ctx.db, documentId);
    appendEvent(ctx.db, { at: ctx.now().toISOString(), actorId: user.id, entity: 'document', entityId: documentId, type: 'document.removed', payload: { applicationId: doc.applicationId } });
  });
  return detailOf(ctx, doc.applicationId);
}

export function setPaperPresented(
  ctx: CoreContext,
  input: { applicationId: string; slotCode: string; presented: boolean },
  user: UserRecord,
): ApplicationDetail {
  inTransaction(ctx, () => {
    requireDraftSlot(ctx, user, 'documents.setPaperPresented', input.applicationId, input.slotCode);
    setPaperMark(ctx.db, input.applicationId, input.slotCode, input.presented);
    appendEvent(ctx.db, { at: ctx.now().toISOString(), actorId: user.id, entity: 'application', entityId: input.applicationId, type: 'document.paper-marked', payload: { slotCode: input.slotCode, presented: input.presented } });
  });
  return detailOf(ctx, input.applicationId);
}

export function documentContent(ctx: CoreContext, documentId: string) {
  const doc = getDocument(ctx.db, documentId);
  if (!doc) throw new AppError('not-found', 'document');
  return { fileName: doc.fileName, mime: doc.mime, contentBase64: ctx.blobs.get(doc.sha256, doc.fileName).toString('base64') };
}

/** A stretch of a document's stored bytes, for the viewer (domain/api/documents `documents.read`). */
export function readDocument(ctx: CoreContext, input: { documentId: string; offset: number; length: number }) {
  const doc = getDocument(ctx.db, input.documentId);
  if (!doc) throw new AppError('not-found', 'document');
  const { size, bytes } = ctx.blobs.readRange(doc.sha256, input.offset, input.length, doc.fileName);
  return { size, contentBase64: bytes.toString('base64') };
}

/** One page's recognised text and the identifiers in it; pages are kept apart by form feeds (main/services/ocr). */
export function documentPageText(ctx: CoreContext, input: { documentId: string; page: number }) {
  const doc = getDocument(ctx.db, input.documentId);
  if (!doc) throw new AppError('not-found', 'document');
  if (input.page > doc.pages) throw new AppError('invalid-input', 'page-out-of-range');
  const ocr = documentOcrOf(ctx.db, doc.id);
  const text = ocr?.status === 'done' ? documentTextOf(ctx.db, doc.id) : null;
  if (text === null) return { status: ocr?.status ?? ('none' as const), text: '', identifiers: [], wholeDocument: false };
  const page = pageTextOf(text, input.page, doc.pages);
  return { status: 'done' as const, ...page, identifiers: findIdentifiers(page.text) };
}

/**
 * The clerk's words, each matched as a word prefix, all of them required. Each is passed as a quoted
 * FTS5 string, so FTS5 syntax in the input is taken literally; quotes and invisible characters go.
 */
function ftsQuery(words: string): string {
  const terms = words.split(/\s+/).map((w) => w.replace(/["\p{C}]/gu, '')).filter(Boolean);
  if (terms.length === 0) throw new AppError('invalid-input', 'search-empty');
  return terms.map((t) => `"${t}"*`).join(' AND ');
}

/** Documents whose text has all the words, in applications the user may see (not other clerks' drafts). */
export function searchDocuments(ctx: CoreContext, words: string, limit: number, user: UserRecord) {
  return searchDocumentText(ctx.db, ftsQuery(words), limit).flatMap((hit) => {
    const doc = getDocument(ctx.db, hit.documentId);
    if (!doc) return [];
    const app = loadApplication(ctx, doc.applicationId);
    if (!mayUseApplication(user, app, 'read')) return [];
    return [{ documentId: doc.id, applicationId: app.id, journalNumber: app.journalNumber, applicantName: applicantOf(app).name, slotCode: doc.slotCode, fileName: doc.fileName, snippet: hit.snippet }];
  });
}
