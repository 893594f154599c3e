import { insertIdentityCheck } from '../../db/repositories/identity-checks';
import type { Change, ReferenceChange } from '../../domain/sync/protocol';
import { parseOfficeNumber } from '../../domain/sync/office-numbers';
import { getApplication, insertReceivedApplication, journalNumberTaken, setStatusFromRegistry } from '../../db/repositories/applications';
import { insertDocument } from '../../db/repositories/documents';
import { appendEvent } from '../../db/repositories/events';
import { commandsOf } from '../../db/repositories/outbox';
import { recordRegistryFacts, registryFactsOf } from '../../db/repositories/registry-link';
import { ensureOtherDeskUser, findUserById } from '../../db/repositories/users';
import { bumpCounter } from '../../db/repositories/counters';
import { setChecklistItem } from '../../db/repositories/checklist';
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
      if (change.clientId === self.clientId) return;
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

function followStatus(ctx: StepContext, change: Extract<Change, { kind: 'application.status' }>, at: string, ownClientId: string) {
  const { db } = ctx;
  recordRegistryFacts(db, change.applicationId, { registryStatus: change.status }, at);
  // This desk's own step, coming back: it has it already (and maybe later ones since).
  if (change.clientId === ownClientId) return;
  const app = getApplication(db, change.applicationId);
  if (!app || app.status === change.status) return;
  if (commandsOf(db, change.applicationId).some((c) => c.state === 'waiting')) return;
  const executor = change.executorId && findUserById(db, change.executorId) ? change.executorId : null;
  setStatusFromRegistry(db, app.id, change.status, executor, change.at);
  if (change.incomplete) proposeConsiderationRefusal(db, { applicationId: app.id, ...change.incomplete, proposedBy: executor, proposedAt: change.at });
  if (app.status === 'ready-for-decision' && change.status === 'assigned') returnedToExecutor(ctx, app, change.at, null);
  else advanceTo(ctx, app, change.status, change.at, null);
  // The executor's answers, for the head here: as they were given, by whoever holds the application.
  const answeredBy = executor ?? app.executorId ?? ensureOtherDeskUser(db, at);
  for (const answer of change.checklist ?? []) setChecklistItem(db, app.id, answer, answeredBy, change.at);
  if (change.draft) saveLicenceDraft(db, app.id, { ...change.draft, savedBy: answeredBy, savedAt: change.at });
  appendEvent(db, {
    type: 'application.synced',
    entity: 'application',
    entityId: app.id,
    at,
    actorId: null,
    payload: { from: app.status, to: change.status, registryNumber: registryFactsOf(db, app.id)?.registryNumber ?? null },
  });
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
