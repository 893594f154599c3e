import { insertIdentityCheck } from '../../db/repositories/identity-checks';
import type { Change, ReferenceChange } from '../../domain/sync/protocol';
import { parseOfficeNumber } from '../../domain/sync/office-numbers';
import { getApplication, insertReceivedApplication, journalNumberTaken, setStatusFromRegistry } from '../../db/repositories/applications';
import { getDocument, insertDocument } from '../../db/repositories/documents';
import { appendEvent } from '../../db/repositories/events';
import { commandsOf, markEchoed, ownStepAhead } from '../../db/repositories/outbox';
import { recordRegistryFacts, registryFactsOf } from '../../db/repositories/registry-link';
import { ensureOtherDeskUser, findUserById } from '../../db/repositories/users';
import { bumpCounter } from '../../db/repositories/counters';
import { setChecklistEvidence, setChecklistItem } from '../../db/repositories/checklist';
import { putDecisionToFetch } from '../../db/repositories/decisions-to-fetch';
import { saveLicenceDraft } from '../../db/repositories/licence-drafts';
import { isOwnUser, putDirectoryUser } from '../../db/repositories/office-directory';
import type { Db } from '../../db/db';
import { advanceTo, returnedToExecutor, type StepContext } from '../services/steps';
import { proposeConsiderationRefusal } from '../../db/repositories/consideration-refusals';
import { takeOfficeFact } from '../services/handout';

/**
 * What the registry reports, taken into this desk's database (inside the caller's transaction, one per
 * pulled page). An application registered at another desk of the office arrives whole (its documents'
 * bytes are fetched when it is first opened); a step taken elsewhere moves the local copy along — but
 * never over this desk's own commands still waiting for the registry's answer, which come first.
 */
export function applyChange(ctx: StepContext, change: Exclude<Change, ReferenceChange>, at: string, self: { clientId: string; officeCode: string }): void {
  const { db } = ctx;
  switch (change.kind) {
    case 'application.registered':
      // Another office of the authority keeps its own journal; this desk takes up its own office's work.
      if (change.officeCode !== self.officeCode) return;
      return receiveApplication(ctx, change, at);
    case 'application.status':
      return followStatus(ctx, change, at, self.clientId);
    case 'application.fact':
      // This desk's own fact, coming back: it has it already.
      if (change.clientId === self.clientId) return markEchoed(ctx.db, change.applicationId, change.mutationId, at);
      return takeOfficeFact(ctx, change.applicationId, change.fact, change.at, at);
    case 'office.user':
      return listColleague(db, change, at, self);
    case 'licence.status':
      return recordRegistryFacts(db, change.applicationId, { registryStatus: `licence-${change.status}` }, at);
  }
}

function receiveApplication(ctx: StepContext, change: Extract<Change, { kind: 'application.registered' }>, at: string) {
  const { db } = ctx;
  recordRegistryFacts(db, change.applicationId, { registryNumber: change.registryNumber }, at);
  const { record } = change;
  // This desk's own registration, or one it cannot take up (no record: a version before sync carried it).
  if (getApplication(db, change.applicationId) || !record.details) return;
  // This desk gave the same journal number to one of its own (registered offline meanwhile): the
  // registry refuses that one when it arrives, and this desk shows the refusal; this one is not taken up here.
  if (journalNumberTaken(db, record.journalNumber)) return;
  // The journal number is the office's: this desk's next one comes after it (audited with the entry below).
  const journal = parseOfficeNumber(record.journalNumber);
  if (journal?.series === 'journal') bumpCounter(db, `journal:${journal.year}`, journal.seq);
  const applicant = record.details.applicant as { kind?: string; idn?: string };
  const createdBy = ensureOtherDeskUser(db, at);
  insertReceivedApplication(db, {
    id: change.applicationId,
    serviceCode: record.serviceCode,
    procedure: record.procedure,
    catalogueVersion: record.details.catalogueVersion,
    applicantKind: applicant.kind === 'individual' ? 'individual' : 'legal',
    applicantIdn: String(applicant.idn ?? ''),
    applicantJson: JSON.stringify(record.details.applicant),
    representationJson: JSON.stringify(record.details.representation),
    journalNumber: record.journalNumber,
    createdAt: record.registeredAt,
    createdBy,
    registeredAt: record.registeredAt,
    dueDate: record.dueDate,
    formSha256: record.formSha256,
    formCmsSha256: record.details.formCmsSha256,
    originalNumber: record.details.originalNumber ?? null,
  });
  for (const d of record.documents) {
    insertDocument(db, { ...d, applicationId: change.applicationId, addedAt: record.registeredAt, addedBy: createdBy });
  }
  // Entered by hand there while the gateway was down: not verified here either, until this desk's own check (or its users) ask the databases.
  for (const c of record.details.identity ?? []) {
    insertIdentityCheck(db, { applicationId: change.applicationId, subject: c.subject, enteredBecause: c.enteredBecause, enteredJson: JSON.stringify(c.entered), enteredAt: record.registeredAt });
  }
  // Its deadlines run from when it was registered there, by this desk's calendar and hours (the office's).
  advanceTo(ctx, { id: change.applicationId, serviceCode: record.serviceCode, procedure: record.procedure }, 'registered', record.registeredAt, null);
  appendEvent(db, {
    type: 'application.received',
    entity: 'application',
    entityId: change.applicationId,
    at,
    actorId: null,
    payload: { registryNumber: change.registryNumber, journalNumber: record.journalNumber, officeCode: change.officeCode },
  });
}

/**
 * The registry's order is the application's: each status change is followed as it comes, but never over
 * this desk's commands still waiting (which come first), and never out of a decision this desk has and the
 * registry took (issued and refused are final there too: what came before it is history). A step of
 * this desk's own comes back as the status it made: when a colleague's steps, ordered before it at the
 * registry, arrived here after it was taken, the own one puts the status back to where the registry has it.
 */
function followStatus(ctx: StepContext, change: Extract<Change, { kind: 'application.status' }>, at: string, ownClientId: string) {
  const { db } = ctx;
  recordRegistryFacts(db, change.applicationId, { registryStatus: change.status }, at);
  const own = change.clientId === ownClientId;
  if (own) markEchoed(db, change.applicationId, change.mutationId, at);
  const app = getApplication(db, change.applicationId);
  if (!app || app.status === change.status) return;
  const commands = commandsOf(db, change.applicationId);
  if (commands.some((c) => c.state === 'waiting')) return;
  const decided = app.status === 'issued' || app.status === 'refused';
  if (decided && !commands.some((c) => c.state === 'rejected')) return;
  // A step of this desk's is still to come back: this change came before it at the registry, and that step (taken here, on what this desk showed) is where the application stands.
  if (ownStepAhead(db, app.id)) return;
  const executor = change.executorId && findUserById(db, change.executorId) ? change.executorId : null;
  setStatusFromRegistry(db, app.id, change.status, executor, change.at);
  // What a colleague's step brings with it (this desk's own it has already), before the step it opens.
  if (!own) takeStepData(ctx, app, change, executor, at);
  if (!own && app.status === 'ready-for-decision' && change.status === 'assigned') returnedToExecutor(ctx, app, change.at, null);
  else advanceTo(ctx, app, change.status, change.at, null);
  appendEvent(db, {
    type: 'application.synced',
    entity: 'application',
    entityId: app.id,
    at,
    actorId: null,
    payload: { from: app.status, to: change.status, registryNumber: registryFactsOf(db, app.id)?.registryNumber ?? null },
  });
}

/** The executor's answers and draft, their finding of incomplete documents, the decision signed: as a colleague's step sent them. */
function takeStepData(ctx: StepContext, app: { id: string; executorId: string | null }, change: Extract<Change, { kind: 'application.status' }>, executor: string | null, at: string) {
  const { db } = ctx;
  if (change.incomplete) proposeConsiderationRefusal(db, { applicationId: app.id, ...change.incomplete, proposedBy: executor, proposedAt: change.at });
  // As they were given, by whoever holds the application.
  const answeredBy = executor ?? app.executorId ?? ensureOtherDeskUser(db, at);
  for (const { evidence, ...answer } of change.checklist ?? []) {
    setChecklistItem(db, app.id, answer, answeredBy, change.at);
    // The page it rests on, when that document is one this desk has (documents come with the registration).
    if (evidence && getDocument(db, evidence.documentId)?.applicationId === app.id) setChecklistEvidence(db, app.id, { itemCode: answer.itemCode, ...evidence }, answeredBy, change.at);
  }
  if (change.draft) saveLicenceDraft(db, app.id, { ...change.draft, savedBy: answeredBy, savedAt: change.at });
  // Signed there: the signed PDF is fetched next (see fetchOfficeDecisions) and the decision recorded here once it checks.
  if (change.decision) putDecisionToFetch(db, { applicationId: app.id, ...change.decision, signedAtDesk: change.clientId, receivedAt: at });
}

/** Someone at another desk of this office (their desk lists them): they can be given applications here. */
function listColleague(db: Db, change: Extract<Change, { kind: 'office.user' }>, at: string, self: { clientId: string; officeCode: string }) {
  // This desk's own people come back too; and another office's people are not this office's to assign.
  if (change.desk.clientId === self.clientId || change.officeCode !== self.officeCode || isOwnUser(db, change.user.id)) return;
  putDirectoryUser(db, change.user, change.desk, at);
  appendEvent(db, {
    type: 'user.listed',
    entity: 'user',
    entityId: change.user.id,
    at,
    actorId: null,
    payload: { username: change.user.username, roles: change.user.roles, active: change.user.active, desk: change.desk.name },
  });
}
