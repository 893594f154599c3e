import { AppError } from '../../domain/api/errors';
import type { ApplicationDetail } from '../../domain/api/contract';
import { transitionTarget, type Transition } from '../../domain/applications/status';
import { kazakhstanDate } from '../../domain/calendar/working-days';
import { getAuthority } from '../../db/repositories/authority';
import { deleteDraft, markRegistered, setExecutor, setStatus, type ApplicationRecord } from '../../db/repositories/applications';
import { checklistOf, setChecklistItem } from '../../db/repositories/checklist';
import { nextCounter } from '../../db/repositories/counters';
import { documentsOf } from '../../db/repositories/documents';
import { appendEvent } from '../../db/repositories/events';
import { findUserById, type UserRecord } from '../../db/repositories/users';
import { inTransaction, type CoreContext } from '../context';
import { detailOf, loadApplication, procedureOf, slotDefinitions } from './application-view';
import { intakeFormBytes, sha256 } from './intake-form';
import { openAuthorityKey } from './authority-key';
import { signDetached } from '../../pki/cms/sign';

function requireTransition(app: ApplicationRecord, transition: Transition) {
  const to = transitionTarget(app.status, transition);
  if (!to) throw new AppError('invalid-state', `cannot-${transition}-when-${app.status}`);
  return to;
}

function event(ctx: CoreContext, user: UserRecord, app: ApplicationRecord, type: string, payload: Record<string, unknown> = {}) {
  appendEvent(ctx.db, { at: ctx.now().toISOString(), actorId: user.id, entity: 'application', entityId: app.id, type, payload });
}

function requireRegistrable(ctx: CoreContext, id: string) {
  const app = loadApplication(ctx, id);
  requireTransition(app, 'register');
  const attached = new Set(documentsOf(ctx.db, id).map((d) => d.slotCode));
  const missing = slotDefinitions(ctx, app).filter((s) => s.required && !attached.has(s.code)).map((s) => s.code);
  if (missing.length > 0) throw new AppError('documents-missing', undefined, { slots: missing.join(',') });
  return app;
}

export interface KeyInput {
  keyFileBase64: string;
  keyPassword: string;
  keyIndex?: number | undefined;
}

/**
 * Registration in the journal: every required document attached, the clerk certifies the filled form
 * with EDS (a detached CAdES signature over its canonical bytes), then a journal number per office and year.
 */
export async function register(ctx: CoreContext, id: string, key: KeyInput, user: UserRecord): Promise<ApplicationDetail> {
  const form = intakeFormBytes(ctx, requireRegistrable(ctx, id));
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
    const app = requireRegistrable(ctx, id);
    if (!intakeFormBytes(ctx, app).equals(form)) throw new AppError('conflict', 'form-changed-while-signing');
    const authority = getAuthority(ctx.db);
    if (!authority) throw new AppError('invalid-state', 'authority-not-configured');
    const now = ctx.now();
    const year = kazakhstanDate(now).slice(0, 4);
    const seq = nextCounter(ctx.db, `journal:${year}`);
    const journalNumber = `${authority.officeCode}-${year}-${String(seq).padStart(5, '0')}`;
    const due = ctx.calendar.addWorkingDays(kazakhstanDate(now), procedureOf(ctx, app).procedure.deadlineWorkingDays);
    markRegistered(ctx.db, id, { journalNumber, registeredAt: now.toISOString(), dueDate: due, formSha256: sha256(form), formCmsSha256 });
    event(ctx, user, app, 'application.registered', { journalNumber, dueDate: due, formSha256: sha256(form), signerIin: signer.certificate.iin, warnings: signer.warnings });
  });
  return detailOf(ctx, id);
}

export function discardDraft(ctx: CoreContext, id: string, user: UserRecord): void {
  inTransaction(ctx, () => {
    const app = loadApplication(ctx, id);
    if (app.status !== 'draft') throw new AppError('invalid-state', 'not-a-draft');
    deleteDraft(ctx.db, id);
    event(ctx, user, app, 'application.discarded');
  });
}

export function assignExecutor(ctx: CoreContext, id: string, executorId: string, user: UserRecord): ApplicationDetail {
  inTransaction(ctx, () => {
    const app = loadApplication(ctx, id);
    requireTransition(app, 'assign');
    const executor = findUserById(ctx.db, executorId);
    if (!executor || executor.disabled || !executor.roles.includes('executor')) throw new AppError('invalid-input', 'not-an-executor');
    setExecutor(ctx.db, id, executorId, ctx.now().toISOString());
    event(ctx, user, app, 'application.assigned', { executorId });
  });
  return detailOf(ctx, id);
}

function requireAssignedExecutor(app: ApplicationRecord, user: UserRecord) {
  if (app.executorId !== user.id) throw new AppError('forbidden', 'not-the-assigned-executor');
}

export function setChecklist(
  ctx: CoreContext,
  input: { applicationId: string; itemCode: string; met: boolean; note: string },
  user: UserRecord,
): ApplicationDetail {
  inTransaction(ctx, () => {
    const app = loadApplication(ctx, input.applicationId);
    if (app.status !== 'assigned') throw new AppError('invalid-state', `checklist-closed-when-${app.status}`);
    requireAssignedExecutor(app, user);
    const items = procedureOf(ctx, app).procedure.qualification;
    if (!items.some((i) => i.code === input.itemCode)) throw new AppError('invalid-input', 'unknown-checklist-item');
    if (!input.met && input.note.trim() === '') throw new AppError('invalid-input', 'unmet-needs-note');
    setChecklistItem(ctx.db, app.id, { itemCode: input.itemCode, met: input.met, note: input.note.trim() }, user.id, ctx.now().toISOString());
    event(ctx, user, app, 'checklist.set', { itemCode: input.itemCode, met: input.met });
  });
  return detailOf(ctx, input.applicationId);
}

export function submitForDecision(ctx: CoreContext, id: string, user: UserRecord): ApplicationDetail {
  inTransaction(ctx, () => {
    const app = loadApplication(ctx, id);
    const to = requireTransition(app, 'submit-for-decision');
    requireAssignedExecutor(app, user);
    const decided = checklistOf(ctx.db, id);
    const open = procedureOf(ctx, app).procedure.qualification.filter((i) => !decided.has(i.code));
    if (open.length > 0) throw new AppError('checklist-incomplete', undefined, { items: open.map((i) => i.code).join(',') });
    setStatus(ctx.db, id, app.status, to, ctx.now().toISOString());
    event(ctx, user, app, 'application.submitted-for-decision');
  });
  return detailOf(ctx, id);
}

/** The head sends the checklist back to the executor, saying why; the executor can change it again. */
export function returnToExecutor(ctx: CoreContext, id: string, note: string, user: UserRecord): ApplicationDetail {
  inTransaction(ctx, () => {
    const app = loadApplication(ctx, id);
    const to = requireTransition(app, 'return-to-executor');
    setStatus(ctx.db, id, app.status, to, ctx.now().toISOString());
    event(ctx, user, app, 'application.returned-to-executor', { note });
  });
  return detailOf(ctx, id);
}
