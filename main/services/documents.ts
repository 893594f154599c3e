import { AppError } from '../../domain/api/errors';
import type { ApplicationDetail } from '../../domain/api/contract';
import { newId } from '../../db/ids';
import { deleteDocument, getDocument, insertDocument, setPaperMark } from '../../db/repositories/documents';
import { appendEvent } from '../../db/repositories/events';
import type { UserRecord } from '../../db/repositories/users';
import { ImportError, inspectFile } from '../../scanner/import-file';
import { inTransaction, type CoreContext } from '../context';
import { detailOf, loadApplication, slotDefinitions } from './application-view';

function requireDraftSlot(ctx: CoreContext, applicationId: string, slotCode: string) {
  const app = loadApplication(ctx, applicationId);
  if (app.status !== 'draft') throw new AppError('invalid-state', 'documents-locked-after-registration');
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
 * leave the clerk's tray exactly when their document is attached).
 */
export async function attachBytes(
  ctx: CoreContext,
  input: { applicationId: string; slotCode: string; fileName: string; bytes: Buffer },
  user: UserRecord,
  alongside?: () => void,
): Promise<ApplicationDetail> {
  requireDraftSlot(ctx, input.applicationId, input.slotCode);
  const fileName = cleanFileName(input.fileName);
  const bytes = input.bytes;
  let inspected;
  try {
    inspected = await inspectFile(bytes);
  } catch (error) {
    if (error instanceof ImportError) throw new AppError('invalid-input', `file-${error.problem}`);
    throw error;
  }
  // The blob goes first: content-addressed and idempotent, so a failed transaction leaves at most an unreferenced file.
  const sha256 = ctx.blobs.put(bytes);
  inTransaction(ctx, () => {
    const app = requireDraftSlot(ctx, input.applicationId, input.slotCode);
    const id = newId();
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
    alongside?.();
  });
  return detailOf(ctx, input.applicationId);
}

export function removeDocument(ctx: CoreContext, documentId: string, user: UserRecord): ApplicationDetail {
  const doc = getDocument(ctx.db, documentId);
  if (!doc) throw new AppError('not-found', 'document');
  inTransaction(ctx, () => {
    requireDraftSlot(ctx, doc.applicationId, doc.slotCode);
    deleteDocument(ctx.db, documentId);
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
    requireDraftSlot(ctx, input.applicationId, input.slotCode);
    setPaperMark(ctx.db, input.applicationId, input.slotCode, input.presented);
    appendEvent(ctx.db, { at: ctx.now().toISOString(), actorId: user.id, entity: 'application', entityId: input.applicationId, type: 'document.paper-marked', payload: { slotCode: input.slotCode, presented: input.presented } });
  });
  return detailOf(ctx, input.applicationId);
}

export function documentContent(ctx: CoreContext, documentId: string) {
  const doc = getDocument(ctx.db, documentId);
  if (!doc) throw new AppError('not-found', 'document');
  return { fileName: doc.fileName, mime: doc.mime, contentBase64: ctx.blobs.get(doc.sha256).toString('base64') };
}
