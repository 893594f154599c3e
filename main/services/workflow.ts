import { identityChecksOf } from '../../db/repositories/identity-checks';
import { AppError } from '../../domain/api/errors';
import type { KeyArgs } from '../../domain/api/call';
import type { ApplicationDetail, Channel } from '../../domain/api/contract';
import { transitionTarget, type ApplicationStatus, type Transition } from '../../domain/applications/status';
import { kazakhstanDate } from '../../domain/calendar/working-days';
import { getAuthority } from '../../db/repositories/authority';
import { deleteDraft, markRegistered, setExecutor, setStatus, type ApplicationRecord } from '../../db/repositories/applications';
import { checklistEvidenceOf, checklistOf, clearChecklistEvidence, setChecklistEvidence, setChecklistItem } from '../../db/repositories/checklist';
import { documentsOf, getDocument } from '../../db/repositories/documents';
import { licenceDraftOf } from '../../db/repositories/licence-drafts';
import { appendEvent } from '../../db/repositories/events';
import type { OfficeEventInput } from '../../domain/events/office-events';
import { findUserById, type UserRecord } from '../../db/repositories/users';
import { directoryEntry } from '../../db/repositories/office-directory';
import { officeNumbering } from './numbering';
import { inTransaction, type CoreContext } from '../context';
import { applicantOf, detailOf, loadApplication, procedureOf, slotDefinitions } from './application-view';
import { intakeFormBytes, sha256 } from './intake-form';
import { requireAllowed } from './permission';
import { openAuthorityKey } from './authority-key';
import { signDetached } from '../../pki/cms/sign';
import { advanceTo, moveToStep, returnedToExecutor } from './steps';
import { proposeConsiderationRefusal as proposeRefusal } from '../../db/repositories/consideration-refusals';
import { openStepOf } from '../../db/repositories/application-steps';

/** The call must be the user's to make on the application as it stands now (domain/api/can); where it moves to. */
function requireMove(user: UserRecord, call: Channel, app: ApplicationRecord, transition: Transition): ApplicationStatus {
  requireAllowed(user, call, app);
  return transitionTarget(app.status, transition)!;
}

function event(ctx: CoreContext, user: UserRecord, app: ApplicationRecord, what: Extract<OfficeEventInput, { entity: 'application' }>) {
  appendEvent(ctx.db, { at: ctx.now().toISOString(), actorId: user.id, entityId: app.id, ...what });
}

function requireRegistrable(ctx: CoreContext, id: string, user: UserRecord) {
  const app = loadApplication(ctx, id);
  requireMove(user, 'applications.register', app, 'register');
  const attached = new Set(documentsOf(ctx.db, id).map((d) => d.slotCode));
  const missing = slotDefinitions(ctx, app).filter((s) => s.required && !attached.has(s.code)).map((s) => s.code);
  if (missing.length > 0) throw new AppError('documents-missing', undefined, { slots: missing.join(',') });
  return app;
}


/** Who applied, as the registry records it (and publishes on the licence's public check). */
function registryApplicant(app: ApplicationRecord) {
  const { kind, idn, name, nameKk } = applicantOf(app);
  return { kind, idn, name, nameKk: nameKk ?? null };
}

/**
 * Registration in the journal: every required document attached, the clerk certifies the filled form
 * with EDS (a detached CAdES signature over its canonical bytes), then a journal number per office and year.
 */
export async function register(ctx: CoreContext, id: string, key: KeyArgs, user: UserRecord): Promise<ApplicationDetail> {
  const form = intakeFormBytes(ctx, requireRegistrable(ctx, id, user));
  const signer = await openAuthorityKey(ctx, {
    keyFile: Buffer.from(key.keyFileBase64, 'base64'),
    password: key.keyPassword,
    signerIin: user.iin,
    keyIndex: key.keyIndex,
    roles: ['employee', 'first-head', 'signing-right'],
  });
  const cms = await signer.timestamp(
    signDetached(form, { privateKey: signer.privateKey, certificateDer: signer.certificate.der, chainDer: signer.chain }, { signingTime: ctx.now() }),
  );
  const formCmsSha256 = ctx.blobs.put(cms);
  inTransaction(ctx, () => {
    const app = requireRegistrable(ctx, id, user);
    if (!intakeFormBytes(ctx, app).equals(form)) throw new AppError('conflict', 'form-changed-while-signing');
    const authority = getAuthority(ctx.db);
    if (!authority) throw new AppError('invalid-state', 'authority-not-configured');
    const now = ctx.now();
    const journal = officeNumbering(ctx, 'journal', authority.officeCode);
    const journalNumber = journal.peek();
    // This action holds the database: the number it saw is the one it takes.
    if (!journal.take(journalNumber)) throw new AppError('conflict', 'journal-number-taken');
    const due = ctx.calendar.addWorkingDays(kazakhstanDate(now), procedureOf(ctx, app).procedure.deadlineWorkingDays);
    markRegistered(ctx.db, id, { journalNumber, registeredAt: now.toISOString(), dueDate: due, formSha256: sha256(form), formCmsSha256 });
    advanceTo(ctx, app, 'registered', now.toISOString(), user.id);
    event(ctx, user, app, {
      type: 'application.registered',
      entity: 'application',
      payload: {
        journalNumber,
        dueDate: due,
        formSha256: sha256(form),
        signerIin: signer.certificate.iin,
        warnings: signer.warnings,
        serviceCode: app.serviceCode,
        procedure: app.procedure,
        applicant: registryApplicant(app),
        details: {
          catalogueVersion: app.catalogueVersion,
          applicant: JSON.parse(app.applicantJson) as Record<string, unknown>,
          representation: JSON.parse(app.representationJson) as Record<string, unknown>,
          formCmsSha256,
          ...(app.originalNumber ? { originalNumber: app.originalNumber } : {}),
          ...enteredByHand(ctx, id),
        },
        documents: documentsOf(ctx.db, id).map(({ id: documentId, slotCode, fileName, mime, size, sha256, pages }) => ({ id: documentId, slotCode, fileName, mime, size, sha256, pages })),
      },
    });
  });
  return detailOf(ctx, id);
}

export function discardDraft(ctx: CoreContext, id: string, user: UserRecord): void {
  inTransaction(ctx, () => {
    const app = loadApplication(ctx, id);
    requireAllowed(user, 'applications.discardDraft', app);
    deleteDraft(ctx.db, id);
    event(ctx, user, app, { type: 'application.discarded', entity: 'application' });
  });
}

export function assignExecutor(ctx: CoreContext, id: string, executorId: string, user: UserRecord): ApplicationDetail {
  inTransaction(ctx, () => {
    const app = loadApplication(ctx, id);
    requireMove(user, 'applications.assign', app, 'assign');
    const executor = findUserById(ctx.db, executorId);
    // Someone at another desk of the office cannot sign in here: whether they still work is their desk's word.
    const elsewhere = directoryEntry(ctx.db, executorId);
    const active = elsewhere ? elsewhere.active : executor !== null && !executor.disabled;
    if (!executor || !active || !executor.roles.includes('executor')) throw new AppError('invalid-input', 'not-an-executor');
    setExecutor(ctx.db, id, executorId, ctx.now().toISOString());
    advanceTo(ctx, app, 'assigned', ctx.now().toISOString(), user.id);
    event(ctx, user, app, { type: 'application.assigned', entity: 'application', payload: { executorId } });
  });
  return detailOf(ctx, id);
}

export function setChecklist(
  ctx: CoreContext,
  input: { applicationId: string; itemCode: string; met: boolean; note: string },
  user: UserRecord,
): ApplicationDetail {
  inTransaction(ctx, () => {
    const app = loadApplication(ctx, input.applicationId);
    requireAllowed(user, 'checklist.set', app);
    const items = procedureOf(ctx, app).procedure.qualification;
    if (!items.some((i) => i.code === input.itemCode)) throw new AppError('invalid-input', 'unknown-checklist-item');
    if (!input.met && input.note.trim() === '') throw new AppError('invalid-input', 'unmet-needs-note');
    setChecklistItem(ctx.db, app.id, { itemCode: input.itemCode, met: input.met, note: input.note.trim() }, user.id, ctx.now().toISOString());
    event(ctx, user, app, { type: 'checklist.set', entity: 'application', payload: { itemCode: input.itemCode, met: input.met } });
  });
  return detailOf(ctx, input.applicationId);
}

/** Points a checklist item at a page of one of this application's documents (or at none). */
export function setEvidence(
  ctx: CoreContext,
  input: { applicationId: string; itemCode: string; evidence: { documentId: string; page: number } | null },
  user: UserRecord,
): ApplicationDetail {
  inTransaction(ctx, () => {
    const app = loadApplication(ctx, input.applicationId);
    requireAllowed(user, 'checklist.setEvidence', app);
    if (!procedureOf(ctx, app).procedure.qualification.some((i) => i.code === input.itemCode)) throw new AppError('invalid-input', 'unknown-checklist-item');
    const at = ctx.now().toISOString();
    if (input.evidence) {
      const doc = getDocument(ctx.db, input.evidence.documentId);
      if (!doc || doc.applicationId !== app.id) throw new AppError('invalid-input', 'evidence-not-this-application');
      if (input.evidence.page > doc.pages) throw new AppError('invalid-input', 'page-out-of-range');
      setChecklistEvidence(ctx.db, app.id, { itemCode: input.itemCode, ...input.evidence }, user.id, at);
    } else {
      clearChecklistEvidence(ctx.db, app.id, input.itemCode);
    }
    event(ctx, user, app, { type: 'checklist.evidence-set', entity: 'application', payload: { itemCode: input.itemCode, evidence: input.evidence } });
  });
  return detailOf(ctx, input.applicationId);
}

/** The executor finds the documents complete (within the check's 2 working days): the examination's clock starts. */
export function confirmComplete(ctx: CoreContext, id: string, user: UserRecord): ApplicationDetail {
  inTransaction(ctx, () => {
    const app = loadApplication(ctx, id);
    requireAllowed(user, 'applications.confirmComplete', app);
    if (openStepOf(ctx.db, id)?.step !== 'completeness') throw new AppError('invalid-state', 'completeness-not-open');
    moveToStep(ctx, app, 'prepare', ctx.now().toISOString(), user.id);
    event(ctx, user, app, { type: 'application.completeness-confirmed', entity: 'application' });
  });
  return detailOf(ctx, id);
}

/**
 * Within the completeness check the executor finds documents missing: a motivated refusal of further
 * consideration, naming them, goes to the head to sign (seed 003, step 3) — in place of the examination.
 */
export function proposeConsiderationRefusal(ctx: CoreContext, input: { id: string; missing: string[]; reason: string }, user: UserRecord): ApplicationDetail {
  inTransaction(ctx, () => {
    const app = loadApplication(ctx, input.id);
    const to = requireMove(user, 'applications.proposeConsiderationRefusal', app, 'submit-for-decision');
    if (openStepOf(ctx.db, app.id)?.step !== 'completeness') throw new AppError('invalid-state', 'completeness-not-open');
    const slots = new Set(slotDefinitions(ctx, app).map((s) => s.code));
    const unknown = input.missing.filter((code) => !slots.has(code));
    if (unknown.length > 0) throw new AppError('invalid-input', 'unknown-document', { slots: unknown.join(',') });
    const missing = [...new Set(input.missing)];
    const now = ctx.now().toISOString();
    proposeRefusal(ctx.db, { applicationId: app.id, missing, reason: input.reason.trim(), proposedBy: user.id, proposedAt: now });
    setStatus(ctx.db, app.id, app.status, to, now);
    advanceTo(ctx, app, to, now, user.id);
    event(ctx, user, app, { type: 'application.submitted-for-decision', entity: 'application', payload: { incomplete: { missing, reason: input.reason.trim() } } });
  });
  return detailOf(ctx, input.id);
}

export function submitForDecision(ctx: CoreContext, id: string, user: UserRecord): ApplicationDetail {
  inTransaction(ctx, () => {
    const app = loadApplication(ctx, id);
    const to = requireMove(user, 'applications.submitForDecision', app, 'submit-for-decision');
    const decided = checklistOf(ctx.db, id);
    const open = procedureOf(ctx, app).procedure.qualification.filter((i) => !decided.has(i.code));
    if (open.length > 0) throw new AppError('checklist-incomplete', undefined, { items: open.map((i) => i.code).join(',') });
    setStatus(ctx.db, id, app.status, to, ctx.now().toISOString());
    advanceTo(ctx, app, to, ctx.now().toISOString(), user.id);
    const draft = licenceDraftOf(ctx.db, id);
    const drafted = draft && { subtypes: draft.subtypes, productionBase: draft.productionBase, specialConditions: draft.specialConditions, validUntil: draft.validUntil };
    // Each answer with the page it rests on, so the head at another desk opens the same page.
    const evidence = checklistEvidenceOf(ctx.db, id);
    const checklist = [...decided.values()].map((answer) => {
      const page = evidence.get(answer.itemCode);
      return page ? { ...answer, evidence: { documentId: page.documentId, page: page.page } } : answer;
    });
    event(ctx, user, app, { type: 'application.submitted-for-decision', entity: 'application', payload: { checklist, ...(drafted ? { draft: drafted } : {}) } });
  });
  return detailOf(ctx, id);
}

/** The head sends the checklist back to the executor, saying why; the executor can change it again. */
export function returnToExecutor(ctx: CoreContext, id: string, note: string, user: UserRecord): ApplicationDetail {
  inTransaction(ctx, () => {
    const app = loadApplication(ctx, id);
    const to = requireMove(user, 'applications.returnToExecutor', app, 'return-to-executor');
    setStatus(ctx.db, id, app.status, to, ctx.now().toISOString());
    returnedToExecutor(ctx, app, ctx.now().toISOString(), user.id);
    event(ctx, user, app, { type: 'application.returned-to-executor', entity: 'application', payload: { note } });
  });
  return detailOf(ctx, id);
}

/** What was entered by hand and certified with the form, for the desks that take the application up from the registry. */
function enteredByHand(ctx: CoreContext, id: string) {
  const identity = identityChecksOf(ctx.db, id).map((c) => ({ subject: c.subject, enteredBecause: c.enteredBecause, entered: JSON.parse(c.enteredJson) as Record<string, unknown> }));
  return identity.length ? { identity } : {};
}
