import { z } from 'zod';
import { AppError } from '../../domain/api/errors';
import { Applicant, PowerOfAttorney, Representation, type ApplicationDetail } from '../../domain/api/contract';
import {
  differencesIn,
  identityBlocksSigning,
  type Difference,
  type IdentitySubject,
  type RejectedBecause,
  type UnverifiedBecause,
} from '../../domain/applications/identity-check';
import { kazakhstanDate } from '../../domain/calendar/working-days';
import type { Db } from '../../db/db';
import { getApplication, replaceIdentityData } from '../../db/repositories/applications';
import { appendEvent } from '../../db/repositories/events';
import {
  identityCheck,
  identityChecksOf,
  insertIdentityCheck,
  pendingIdentityChecks,
  recordIdentityAnswer,
  resolveIdentityCheck,
  type IdentityCheckRecord,
} from '../../db/repositories/identity-checks';
import { ensureOtherDeskUser, findUserById, type UserRecord } from '../../db/repositories/users';
import type { OfficeFact } from '../../domain/events/office-events';
import { JobQueue } from '../jobs/job-queue';
import type { StateDatabases } from '../gateway/state-databases';
import { inTransaction, type IdentityCheckQueue } from '../context';
import { lookupApplicant, poaProblem, powerOfAttorneyOf } from './lookups';

interface CheckContext {
  db: Db;
  gateway: StateDatabases;
  now: () => Date;
}

const CheckJob = z.object({ applicationId: z.string(), subject: z.enum(['applicant', 'poa']) }).strict();
type CheckJob = z.infer<typeof CheckJob>;

/** The databases' answer on one subject: what they hold, how it differs, and whether it rules the application out. */
interface Answer {
  found: unknown;
  differences: Difference[];
  rejectedBecause: RejectedBecause | null;
}

/**
 * Checks data entered by hand against the state databases once the gateway answers: in the background,
 * retried while the gateway stays down (an office may be offline for days: waits grow to 10 minutes and
 * the job is kept across restarts), and at once when someone asks (checkNow).
 */
export class IdentityChecks implements IdentityCheckQueue {
  private readonly queue: JobQueue<CheckJob>;

  constructor(
    private readonly ctx: CheckContext,
    options: { onError?: (error: unknown, job: { queue: string; attempt: number }) => void } = {},
  ) {
    this.queue = new JobQueue(ctx.db, {
      queue: 'identity-checks',
      data: CheckJob,
      // About a week of tries at the longest wait; after that the application stays "not verified" until someone asks again.
      maxAttempts: 1100,
      run: (job) => this.check(job.applicationId, job.subject),
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }

  /** Starts checking; a check with no job yet (taken up from the registry, or its job given up) gets one. */
  start(): void {
    for (const c of pendingIdentityChecks(this.ctx.db)) this.queue.add({ applicationId: c.applicationId, subject: c.subject }, { key: `${c.applicationId}:${c.subject}` });
    this.queue.start();
  }

  stop(): Promise<void> {
    return this.queue.stop();
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  /**
   * Records data entered by hand for an application being drafted; call it inside the draft's
   * transaction, before its event (which vouches for these rows).
   */
  enter(applicationId: string, subject: IdentitySubject, entered: unknown, because: UnverifiedBecause, at: string): void {
    insertIdentityCheck(this.ctx.db, { applicationId, subject, enteredBecause: because, enteredJson: JSON.stringify(entered), enteredAt: at });
    this.queue.add({ applicationId, subject }, { key: `${applicationId}:${subject}` });
  }

  /** Asks the databases about every pending check of the application now; the gateway's error when it still does not answer. */
  async checkNow(applicationId: string): Promise<void> {
    for (const c of identityChecksOf(this.ctx.db, applicationId)) {
      if (c.state === 'pending') await this.check(applicationId, c.subject);
    }
  }

  /** Throws while the gateway does not answer (the queue tries again later). */
  private async check(applicationId: string, subject: IdentitySubject): Promise<void> {
    const pending = identityCheck(this.ctx.db, applicationId, subject);
    if (!pending || pending.state !== 'pending') return;
    const answer = await this.ask(pending);
    const app = getApplication(this.ctx.db, applicationId);
    if (!app) return;
    const state: 'rejected' | 'differs' | 'confirmed' = answer.rejectedBecause ? 'rejected' : answer.differences.length > 0 ? 'differs' : 'confirmed';
    const at = this.ctx.now().toISOString();
    inTransaction(this.ctx, () => {
      const recorded = recordIdentityAnswer(this.ctx.db, {
        applicationId,
        subject,
        state,
        rejectedBecause: answer.rejectedBecause,
        foundJson: answer.found === null ? null : JSON.stringify(answer.found),
        differencesJson: JSON.stringify(answer.differences),
        checkedAt: at,
      });
      if (!recorded) return;
      // The databases agree: their fuller record (the Kazakh name, the registration status) is kept.
      if (state === 'confirmed') takeFound(this.ctx.db, applicationId, subject, answer.found, at);
      // A draft's check stays here; a registered application's answer goes to the office's other desks (which may not reach the databases).
      if (app.status === 'draft') {
        appendEvent(this.ctx.db, { at, actorId: null, entity: 'application', entityId: applicationId, type: 'identity.checked', payload: { subject, state, differences: answer.differences.length } });
        return;
      }
      const found = answer.found === null ? null : (answer.found as Record<string, unknown>);
      const payload = { subject, state, rejectedBecause: answer.rejectedBecause, found, differences: answer.differences };
      appendEvent(this.ctx.db, { at, actorId: null, entity: 'application', entityId: applicationId, type: 'application.identity-checked', payload });
    });
  }

  private async ask(c: IdentityCheckRecord): Promise<Answer> {
    try {
      if (c.subject === 'applicant') {
        const entered = Applicant.parse(JSON.parse(c.enteredJson));
        const found = await lookupApplicant(this.ctx, entered.kind, entered.idn);
        const differences = differencesIn(entered, found, ['name', 'nameKk', 'address', 'head']);
        return { found, differences, rejectedBecause: found.registrationStatus === 'liquidated' ? 'liquidated' : null };
      }
      const entered = PowerOfAttorney.parse(JSON.parse(c.enteredJson));
      const record = await this.ctx.gateway.powerOfAttorney(entered.registryNumber);
      const found = powerOfAttorneyOf(record);
      // The powers' wording is not compared: nobody retypes it letter for letter.
      const differences = differencesIn(entered, found, ['attorneyIin', 'attorneyName', 'validFrom', 'validUntil', 'notary']);
      return { found, differences, rejectedBecause: poaProblem(record, entered.principalIdn, kazakhstanDate(new Date(c.enteredAt))) };
    } catch (error) {
      if (error instanceof AppError && error.code === 'data-unavailable' && error.reason === 'not-found') return { found: null, differences: [], rejectedBecause: 'not-found' };
      throw error;
    }
  }
}

/** The application's applicant or PoA replaced by the databases' record. */
function takeFound(db: Db, applicationId: string, subject: IdentitySubject, found: unknown, at: string): void {
  if (subject === 'applicant') {
    replaceIdentityData(db, applicationId, { applicantJson: JSON.stringify(Applicant.parse(found)) }, at);
    return;
  }
  const representation = Representation.parse({ kind: 'notarised', poa: found });
  replaceIdentityData(db, applicationId, { representationJson: JSON.stringify(representation) }, at);
}

/** The clerk takes the databases' data in place of what was entered: only over differences the check found. */
export function resolveIdentity(ctx: CheckContext, applicationId: string, subject: IdentitySubject, user: UserRecord): void {
  const at = ctx.now().toISOString();
  inTransaction(ctx, () => {
    const c = identityCheck(ctx.db, applicationId, subject);
    if (!c || c.state !== 'differs' || c.foundJson === null) throw new AppError('invalid-state', 'identity-nothing-to-resolve');
    const found = JSON.parse(c.foundJson) as Record<string, unknown>;
    resolveIdentityCheck(ctx.db, applicationId, subject, user.id, at);
    takeFound(ctx.db, applicationId, subject, found, at);
    const draft = getApplication(ctx.db, applicationId)?.status === 'draft';
    if (draft) appendEvent(ctx.db, { at, actorId: user.id, entity: 'application', entityId: applicationId, type: 'identity.resolved', payload: { subject } });
    else appendEvent(ctx.db, { at, actorId: user.id, entity: 'application', entityId: applicationId, type: 'application.identity-resolved', payload: { subject, found } });
  });
}

/**
 * A check's answer or resolution made at another desk of the office, as the registry relays it (inside the
 * pulled page's transaction): taken in as if made here, unless this desk got there itself first.
 */
export function takeIdentityFact(
  db: Db,
  applicationId: string,
  fact: Extract<OfficeFact, { type: 'application.identity-checked' | 'application.identity-resolved' }>,
  at: string,
): boolean {
  const c = identityCheck(db, applicationId, fact.payload.subject);
  if (!c) return false;
  if (fact.type === 'application.identity-checked') {
    const { state, rejectedBecause, found, differences } = fact.payload;
    const recorded = recordIdentityAnswer(db, {
      applicationId,
      subject: c.subject,
      state,
      rejectedBecause,
      foundJson: found === null ? null : JSON.stringify(found),
      differencesJson: JSON.stringify(differences),
      checkedAt: at,
    });
    if (recorded && state === 'confirmed') takeFound(db, applicationId, c.subject, found, at);
    return recorded;
  }
  // Resolved there: whatever this desk's own check said (pending, or the same differences), the data taken there rules.
  if (c.state === 'resolved' || c.state === 'confirmed') return false;
  if (c.state === 'pending') recordIdentityAnswer(db, { applicationId, subject: c.subject, state: 'differs', rejectedBecause: null, foundJson: JSON.stringify(fact.payload.found), differencesJson: '[]', checkedAt: at });
  if (!resolveIdentityCheck(db, applicationId, c.subject, ensureOtherDeskUser(db, at), at)) return false;
  takeFound(db, applicationId, c.subject, fact.payload.found, at);
  return true;
}

/** What was entered and certified with the intake form, for the form's bytes: null when the databases gave it. */
export function enteredData(db: Db, applicationId: string, subject: IdentitySubject): unknown {
  const c = identityCheck(db, applicationId, subject);
  return c ? (JSON.parse(c.enteredJson) as unknown) : null;
}

/** Refuses a decision while data entered by hand is unchecked or differs (a refusal may follow a rejection). */
export function requireIdentitySettled(db: Db, applicationId: string, decision: 'licence' | 'refusal'): void {
  const blocked = identityBlocksSigning(identityChecksOf(db, applicationId), decision);
  if (blocked) throw new AppError('invalid-state', blocked);
}

export function identityChecksInfo(db: Db, applicationId: string): ApplicationDetail['identityChecks'] {
  return identityChecksOf(db, applicationId).map((c) => ({
    subject: c.subject,
    state: c.state,
    enteredBecause: c.enteredBecause,
    rejectedBecause: c.rejectedBecause,
    differences: JSON.parse(c.differencesJson) as Difference[],
    enteredAt: c.enteredAt,
    checkedAt: c.checkedAt,
    resolvedAt: c.resolvedAt,
    resolvedBy: c.resolvedBy ? (findUserById(db, c.resolvedBy)?.fullName ?? null) : null,
  }));
}
