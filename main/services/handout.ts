import { AppError } from '../../domain/api/errors';
import type { ApplicationDetail } from '../../domain/api/contract';
import type { OfficeFact } from '../../domain/events/office-events';
import { appendEvent } from '../../db/repositories/events';
import { getApplication } from '../../db/repositories/applications';
import { decisionOf } from '../../db/repositories/decisions';
import { openStepOf } from '../../db/repositories/application-steps';
import { handoutOf, insertHandout, recordSurveyAnswers, type HandoutMethod, type SurveyAnswer } from '../../db/repositories/handouts';
import type { UserRecord } from '../../db/repositories/users';
import { inTransaction, type CoreContext } from '../context';
import { detailOf, loadApplication } from './application-view';
import { requireAllowed } from './permission';
import { moveToStep, type StepContext } from './steps';
import { takeIdentityFact } from './identity-checks';

export interface HandoutInput {
  handedAt: string;
  recipient: string;
  recipientIdn: string | null;
  method: HandoutMethod;
}

/**
 * The clerk records that the result (licence or refusal) was handed over: when, to whom, how. That ends
 * the application's last step; the other desks of the office learn of it through the registry.
 */
export function handOut(ctx: CoreContext, id: string, input: HandoutInput, user: UserRecord): ApplicationDetail {
  inTransaction(ctx, () => {
    const app = loadApplication(ctx, id);
    requireAllowed(user, 'applications.handOut', app);
    const now = ctx.now();
    // Handed over after the decision was signed, and not in the future: what the clerk saw happen.
    if (Date.parse(input.handedAt) > now.getTime() + 60_000) throw new AppError('invalid-input', 'handout-in-the-future');
    // Decided at another desk: the clerk hands out what they can print, once its signed PDF is here.
    const decision = decisionOf(ctx.db, id);
    if (!decision) throw new AppError('invalid-state', 'decision-not-here-yet');
    const decidedAt = decision.signedAt;
    // The form says the minute (hh:mm): a hand-out in the very minute the decision was signed is not before it.
    if (Date.parse(input.handedAt) < Math.floor(Date.parse(decidedAt) / 60_000) * 60_000) throw new AppError('invalid-input', 'handout-before-decision');
    const handedAt = new Date(input.handedAt).toISOString();
    if (!insertHandout(ctx.db, { applicationId: id, ...input, handedAt, recordedBy: user.id, recordedAt: now.toISOString() })) {
      throw new AppError('conflict', 'handed-out-already');
    }
    moveToStep(ctx, app, null, handedAt, user.id);
    appendEvent(ctx.db, { at: now.toISOString(), actorId: user.id, entity: 'application', entityId: id, type: 'application.handed-out', payload: { ...input, handedAt } });
  });
  return detailOf(ctx, id);
}

/** The seeds' two questions, answered by the applicant once the result is in their hands. */
export function recordSurvey(ctx: CoreContext, id: string, answers: { process: SurveyAnswer; information: SurveyAnswer }, user: UserRecord): ApplicationDetail {
  inTransaction(ctx, () => {
    const app = loadApplication(ctx, id);
    requireAllowed(user, 'applications.recordSurvey', app);
    const handout = handoutOf(ctx.db, id);
    if (!handout) throw new AppError('invalid-state', 'not-handed-out');
    const at = ctx.now().toISOString();
    if (!recordSurveyAnswers(ctx.db, id, answers, at)) throw new AppError('conflict', 'survey-recorded-already');
    appendEvent(ctx.db, { at, actorId: user.id, entity: 'application', entityId: id, type: 'application.survey-recorded', payload: answers });
  });
  return detailOf(ctx, id);
}

/**
 * A fact recorded at another desk of the office, as the registry relays it, taken in here (inside the
 * pulled page's transaction). A fact this desk has already (its own, or a second copy) changes nothing.
 */
export function takeOfficeFact(ctx: StepContext, applicationId: string, fact: OfficeFact, at: string, receivedAt: string): void {
  // Another office's application (the registry relays the authority's facts to all its desks).
  const app = getApplication(ctx.db, applicationId);
  if (!app) return;
  switch (fact.type) {
    case 'application.completeness-confirmed':
      if (openStepOf(ctx.db, applicationId)?.step !== 'completeness') return;
      moveToStep(ctx, app, 'prepare', at, null);
      break;
    case 'application.handed-out':
      if (!insertHandout(ctx.db, { applicationId, ...fact.payload, recordedBy: null, recordedAt: at })) return;
      moveToStep(ctx, app, null, fact.payload.handedAt, null);
      break;
    case 'application.survey-recorded':
      if (!recordSurveyAnswers(ctx.db, applicationId, fact.payload, at)) return;
      break;
    case 'application.identity-checked':
    case 'application.identity-resolved':
      if (!takeIdentityFact(ctx.db, applicationId, fact, at)) return;
      break;
  }
  appendEvent(ctx.db, { at: receivedAt, actorId: null, entity: 'application', entityId: applicationId, type: 'application.fact-received', payload: { type: fact.type, at } });
}
