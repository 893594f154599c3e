import { applicationSyncOf } from '../sync/status';
import { AppError } from '../../domain/api/errors';
import {
  Applicant,
  POA_SCAN_SLOT,
  Representation,
  type ApplicationDetail,
  type ApplicationSummary,
  type DocumentInfo,
  type DocumentSlot,
} from '../../domain/api/contract';
import { findProcedure } from '../../domain/catalogue/catalogue';
import { getApplication, listApplications, type ApplicationRecord, type JournalFilter } from '../../db/repositories/applications';
import { draftsVisibleTo } from '../../domain/applications/ownership';
import type { UserRecord } from '../../db/repositories/users';
import { checklistOf } from '../../db/repositories/checklist';
import { decisionOf } from '../../db/repositories/decisions';
import { documentsOf, paperMarksOf, type DocumentRecord } from '../../db/repositories/documents';
import { documentOcrOf } from '../../db/repositories/document-text';
import { getAuthority } from '../../db/repositories/authority';
import type { CoreContext } from '../context';

export function loadApplication(ctx: CoreContext, id: string): ApplicationRecord {
  const record = getApplication(ctx.db, id);
  if (!record) throw new AppError('not-found', 'application');
  return record;
}

/** The catalogue entry the application was registered under. */
export function procedureOf(ctx: CoreContext, app: ApplicationRecord) {
  const found = findProcedure(ctx.catalogue, app.serviceCode, app.procedure);
  if (!found) throw new AppError('invalid-state', 'service-withdrawn');
  return found;
}

export function applicantOf(app: ApplicationRecord): Applicant {
  return Applicant.parse(JSON.parse(app.applicantJson));
}

export function representationOf(app: ApplicationRecord): Representation {
  return Representation.parse(JSON.parse(app.representationJson));
}

/** Required-document slots: the procedure's list, plus the PoA scan when a non-notarised PoA is used. */
export function slotDefinitions(ctx: CoreContext, app: ApplicationRecord): { code: string; required: boolean }[] {
  const slots = procedureOf(ctx, app).procedure.documents.map((d) => ({ code: d.code, required: d.required }));
  if (representationOf(app).kind === 'other') slots.push({ code: POA_SCAN_SLOT, required: true });
  return slots;
}

/** The registration journal as this user may see it: other clerks' drafts are theirs alone. */
export function journal(
  ctx: CoreContext,
  { limit, after, ...filter }: Omit<JournalFilter, 'drafts' | 'page'> & { limit: number; after?: string | undefined },
  user: UserRecord,
): ApplicationSummary[] {
  const drafts = draftsVisibleTo(user) === 'all' ? ({ visible: 'all' } as const) : ({ visible: 'own', userId: user.id } as const);
  return listApplications(ctx.db, { ...filter, drafts, page: { limit, after } }).map(summaryOf);
}

export function summaryOf(app: ApplicationRecord): ApplicationSummary {
  return {
    id: app.id,
    journalNumber: app.journalNumber,
    serviceCode: app.serviceCode,
    procedure: app.procedure,
    status: app.status,
    applicantIdn: app.applicantIdn,
    applicantName: applicantOf(app).name,
    createdAt: app.createdAt,
    registeredAt: app.registeredAt,
    dueDate: app.dueDate,
    executorName: app.executorName,
  };
}

/**
 * Identifiers a document of this application may carry without comment: the applicant's, the
 * representative's (and the PoA principal's), and the authority's own BIN (on letters it sent earlier).
 */
function expectedIdentifiers(ctx: CoreContext, app: ApplicationRecord): Set<string> {
  const expected = new Set([applicantOf(app).idn]);
  const representation = representationOf(app);
  if (representation.kind === 'other') expected.add(representation.iin);
  if (representation.kind === 'notarised') {
    expected.add(representation.poa.attorneyIin);
    expected.add(representation.poa.principalIdn);
  }
  const authority = getAuthority(ctx.db);
  if (authority) expected.add(authority.bin);
  return expected;
}

function documentInfo(ctx: CoreContext, doc: DocumentRecord, expected: Set<string>): DocumentInfo {
  const ocr = documentOcrOf(ctx.db, doc.id);
  return {
    id: doc.id,
    fileName: doc.fileName,
    mime: doc.mime,
    size: doc.size,
    sha256: doc.sha256,
    pages: doc.pages,
    addedAt: doc.addedAt,
    ocr: ocr ? { status: ocr.status, pagesDone: ocr.pagesDone, pagesTotal: ocr.pagesTotal } : null,
    foreignIdentifiers: ocr ? ocr.identifiers.filter((idn) => !expected.has(idn)) : [],
  };
}

export function detailOf(ctx: CoreContext, id: string): ApplicationDetail {
  const app = loadApplication(ctx, id);
  const documents = documentsOf(ctx.db, id);
  const marks = paperMarksOf(ctx.db, id);
  const expected = expectedIdentifiers(ctx, app);
  const slots: DocumentSlot[] = slotDefinitions(ctx, app).map((slot) => ({
    ...slot,
    paperPresented: marks.get(slot.code) ?? false,
    documents: documents.filter((d) => d.slotCode === slot.code).map((d) => documentInfo(ctx, d, expected)),
  }));
  const decided = checklistOf(ctx.db, id);
  const checklist = procedureOf(ctx, app).procedure.qualification.map((item) => {
    const entry = decided.get(item.code);
    return { code: item.code, met: entry ? entry.met : null, note: entry?.note ?? '' };
  });
  const decision = decisionOf(ctx.db, id);
  return {
    ...summaryOf(app),
    applicant: applicantOf(app),
    representation: representationOf(app),
    createdBy: app.createdBy,
    executorId: app.executorId,
    slots,
    checklist,
    sync: applicationSyncOf(ctx, id),
    decision: decision
      ? {
          id: decision.id,
          kind: decision.kind,
          number: decision.number,
          signedAt: decision.signedAt,
          signerName: decision.signerName,
          signerIin: decision.signerIin,
          reason: decision.reason,
        }
      : null,
  };
}
