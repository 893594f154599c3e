import { AppError } from '../../domain/api/errors';
import type { ApplicationDetail, LicenceDraft } from '../../domain/api/contract';
import { saveLicenceDraft } from '../../db/repositories/licence-drafts';
import { appendEvent } from '../../db/repositories/events';
import type { UserRecord } from '../../db/repositories/users';
import { inTransaction, type CoreContext } from '../context';
import { detailOf, loadApplication, procedureOf } from './application-view';
import { requireAllowed } from './permission';

/** The assigned executor drafts the licence's variable fields: sub-types from the application's catalogue, base, conditions, validity. */
export function saveDraft(ctx: CoreContext, input: { applicationId: string; draft: LicenceDraft }, user: UserRecord): ApplicationDetail {
  inTransaction(ctx, () => {
    const app = loadApplication(ctx, input.applicationId);
    requireAllowed(user, 'decisions.saveDraft', app);
    if (app.procedure === 'duplicate') throw new AppError('invalid-state', 'duplicate-copies-original');
    const { service } = procedureOf(ctx, app);
    const subtypes = [...new Set(input.draft.subtypes)].sort((a, b) => a - b);
    if (subtypes.some((i) => i >= service.subtypes.length)) throw new AppError('invalid-input', 'unknown-subtype');
    if (service.subtypes.length > 0 && subtypes.length === 0) throw new AppError('invalid-input', 'subtype-required');
    const at = ctx.now().toISOString();
    if (input.draft.validUntil !== null && input.draft.validUntil <= at.slice(0, 10)) throw new AppError('invalid-input', 'valid-until-past');
    const draft = { subtypes, productionBase: input.draft.productionBase.trim(), specialConditions: input.draft.specialConditions.trim(), validUntil: input.draft.validUntil };
    saveLicenceDraft(ctx.db, app.id, { ...draft, savedBy: user.id, savedAt: at });
    appendEvent(ctx.db, { at, actorId: user.id, entity: 'application', entityId: app.id, type: 'licence.drafted', payload: draft });
  });
  return detailOf(ctx, input.applicationId);
}
