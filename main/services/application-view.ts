import type { z } from 'zod';
import type { JournalView } from '../../domain/api/contract';
import { kazakhstanMidnight } from '../../domain/calendar/working-days';
import { identityChecksInfo } from './identity-checks';
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
import { STEP_HOLDER, urgencyOf } from '../../domain/applications/steps';
import type { WorkingTime } from '../../domain/calendar/working-time';
import { countApplicationsIn, getApplication, listApplications, listMyWork, type ApplicationRecord, type JournalFilter } from '../../db/repositories/applications';
import { stepsOf } from '../../db/repositories/application-steps';
import { workingTimeOf } from './steps';
import { handoutOf } from '../../db/repositories/handouts';
import { considerationRefusalOf } from '../../db/repositories/consideration-refusals';
import { draftsVisibleTo } from '../../domain/applications/ownership';
import type { UserRecord } from '../../db/repositories/users';
import { checklistEvidenceOf, checklistOf } from '../../db/repositories/checklist';
import { licenceDraftOf, type LicenceDraftRecord } from '../../db/repositories/licence-drafts';
import { decisionOf } from '../../db/repositories/decisions';
import { decisionToFetchOf } from '../../db/repositories/decisions-to-fetch';
import { documentsOf, paperMarksOf, type DocumentRecord } from '../../db/repositories/documents';
import { documentOcrOf } from '../../db/repositories/document-text';
import { getAuthority } from '../../db/repositories/authority';
import type { CoreContext } from '../context';
import { licenceNamed } from './licences';

export function loadApplication(ctx: Pick<CoreContext, 'db'>, id: string): ApplicationRecord {
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

/**
 * The applicant's name for a list row: the stored JSON was checked when it was written, and a journal
 * page shows hundreds of rows, so only the name is read here (the whole record is parsed when opened).
 */
function applicantNamesOf(app: ApplicationRecord): { applicantName: string; applicantNameKk: string | null } {
  const { name, nameKk } = JSON.parse(app.applicantJson) as { name?: unknown; nameKk?: unknown };
  return { applicantName: typeof name === 'string' ? name : '', applicantNameKk: typeof nameKk === 'string' ? nameKk : null };
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
/** The journal's view as the repository filters it: days in Kazakhstan time, "overdue" judged now. */
function journalFilterOf(ctx: CoreContext, view: JournalViewArgs, user: UserRecord): Omit<JournalFilter, 'page'> {
  const { from, to, overdue, ...rest } = view;
  const drafts = draftsVisibleTo(user) === 'all' ? ({ visible: 'all' } as const) : ({ visible: 'own', userId: user.id } as const);
  return {
    ...rest,
    drafts,
    ...(from ? { enteredFrom: kazakhstanMidnight(from) } : {}),
    ...(to ? { enteredBefore: kazakhstanMidnight(to, 1) } : {}),
    ...(overdue ? { overdueAt: ctx.now().toISOString() } : {}),
  };
}

type JournalViewArgs = z.output<typeof JournalView>;

export function journal(ctx: CoreContext, { limit, after, ...view }: JournalViewArgs & { limit: number; after?: string | undefined }, user: UserRecord): ApplicationSummary[] {
  const clock = clockOf(ctx);
  return listApplications(ctx.db, { ...journalFilterOf(ctx, view, user), page: { limit, after } }).map((app) => summaryOf(app, clock));
}

export function journalCount(ctx: CoreContext, view: JournalViewArgs, user: UserRecord): { count: number } {
  return { count: countApplicationsIn(ctx.db, journalFilterOf(ctx, view, user)) };
}

/** The longest "my work" list: beyond it, the journal's filters. */
const MY_WORK_MAX = 200;

export function myWork(ctx: CoreContext, user: UserRecord): ApplicationSummary[] {
  const clock = clockOf(ctx);
  return listMyWork(ctx.db, user, MY_WORK_MAX).map((app) => summaryOf(app, clock));
}

/** Working time and the moment to judge steps by: one per call, so a page of the journal is judged alike. */
export interface StepClock {
  time: WorkingTime;
  now: Date;
}

export function clockOf(ctx: CoreContext): StepClock {
  return { time: workingTimeOf(ctx), now: ctx.now() };
}

function currentStep(app: ApplicationRecord, clock: StepClock): ApplicationSummary['step'] {
  if (!app.stepCode || !app.stepStartedAt || !app.stepDueAt) return null;
  const holderRole = STEP_HOLDER[app.stepCode];
  return {
    code: app.stepCode,
    holderRole,
    holderName: holderRole === 'executor' ? app.executorName : null,
    startedAt: app.stepStartedAt,
    dueAt: app.stepDueAt,
    urgency: urgencyOf(clock.time, { startedAt: new Date(app.stepStartedAt), dueAt: new Date(app.stepDueAt) }, clock.now),
  };
}

export function summaryOf(app: ApplicationRecord, clock: StepClock): ApplicationSummary {
  return {
    id: app.id,
    journalNumber: app.journalNumber,
    serviceCode: app.serviceCode,
    procedure: app.procedure,
    status: app.status,
    applicantIdn: app.applicantIdn,
    ...applicantNamesOf(app),
    createdAt: app.createdAt,
    registeredAt: app.registeredAt,
    dueDate: app.dueDate,
    executorName: app.executorName,
    step: currentStep(app, clock),
    identityUnverified: app.identityUnsettled === 1,
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

function draftInfo(draft: LicenceDraftRecord | null) {
  return draft && { subtypes: draft.subtypes, productionBase: draft.productionBase, specialConditions: draft.specialConditions, validUntil: draft.validUntil };
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
  const evidence = checklistEvidenceOf(ctx.db, id);
  const checklist = procedureOf(ctx, app).procedure.qualification.map((item) => {
    const entry = decided.get(item.code);
    const proof = evidence.get(item.code);
    return { code: item.code, met: entry ? entry.met : null, note: entry?.note ?? '', evidence: proof ? { documentId: proof.documentId, page: proof.page } : null };
  });
  const decision = decisionOf(ctx.db, id);
  const proposal = considerationRefusalOf(ctx.db, id);
  const clock = clockOf(ctx);
  const steps = stepsOf(ctx.db, id).map((s) => ({
    code: s.step,
    startedAt: s.startedAt,
    dueAt: s.dueAt,
    endedAt: s.endedAt,
    overran: (s.endedAt ?? clock.now.toISOString()) > s.dueAt,
  }));
  return {
    ...summaryOf(app, clock),
    steps,
    handout: handoutInfo(ctx, id),
    considerationRefusal: proposal ? { missing: proposal.missing, reason: proposal.reason } : null,
    original: licenceNamed(ctx, app.originalNumber),
    licence: decision?.kind === 'licence' && app.procedure !== 'duplicate' ? licenceNamed(ctx, decision.number) : null,
    calendarWarning: calendarWarning(ctx, clock, steps, app.dueDate),
    applicant: applicantOf(app),
    identityChecks: identityChecksInfo(ctx.db, id),
    representation: representationOf(app),
    createdBy: app.createdBy,
    executorId: app.executorId,
    slots,
    checklist,
    licenceDraft: draftInfo(licenceDraftOf(ctx.db, id)),
    sync: applicationSyncOf(ctx, id),
    decisionElsewhere: decision ? null : elsewhere(ctx, id),
    decision: decision
      ? {
          id: decision.id,
          kind: decision.kind,
          grounds: proposal?.decisionId === decision.id ? ('incomplete' as const) : ('requirements' as const),
          number: decision.number,
          signedAt: decision.signedAt,
          signerName: decision.signerName,
          signerIin: decision.signerIin,
          reason: decision.reason,
        }
      : null,
  };
}

function elsewhere(ctx: CoreContext, id: string): ApplicationDetail['decisionElsewhere'] {
  const pending = decisionToFetchOf(ctx.db, id);
  return pending ? { number: pending.number, problem: pending.problem } : null;
}

/** The calendar years the application's deadlines run through that this desk lacks, or has only provisionally. */
function calendarWarning(ctx: CoreContext, clock: StepClock, steps: { startedAt: string; dueAt: string }[], legalDue: string | null) {
  if (steps.length === 0) return null;
  const from = Date.parse(steps[0]!.startedAt);
  const ends = steps.map((s) => Date.parse(s.dueAt));
  if (legalDue) ends.push(Date.parse(`${legalDue}T23:59:59+05:00`));
  const to = Math.max(from, ...ends);
  const missingYears = clock.time.missingYears(new Date(from), new Date(to));
  const years: number[] = [];
  for (let y = new Date(from).getUTCFullYear(); y <= new Date(to).getUTCFullYear(); y++) years.push(y);
  const provisionalYears = ctx.calendar.provisionalYears(years);
  return missingYears.length || provisionalYears.length ? { missingYears, provisionalYears } : null;
}

function handoutInfo(ctx: CoreContext, id: string): ApplicationDetail['handout'] {
  const h = handoutOf(ctx.db, id);
  if (!h) return null;
  const survey = h.surveyProcess && h.surveyInformation ? { process: h.surveyProcess, information: h.surveyInformation } : null;
  return { handedAt: h.handedAt, recipient: h.recipient, recipientIdn: h.recipientIdn, method: h.method, survey };
}
