import type { decisionCalls } from '../../domain/api/decisions';
import type { CoreContext } from '../context';
import { decisionPdf, issueLicence, previewDecision, refuseConsideration, refuseLicence } from '../services/decisions';
import { saveDraft } from '../services/licence-draft';
import { signedIn, type AreaHandlers } from './caller';

export function decisionHandlers(ctx: CoreContext): AreaHandlers<typeof decisionCalls> {
  return {
    'decisions.issueLicence': (a, c) => issueLicence(ctx, a, signedIn(c)),
    'decisions.refuse': (a, c) => refuseLicence(ctx, a, signedIn(c)),
    'decisions.refuseConsideration': (a, c) => refuseConsideration(ctx, a, signedIn(c)),
    'decisions.preview': (a, c) => previewDecision(ctx, a, signedIn(c)),
    'decisions.saveDraft': (a, c) => saveDraft(ctx, a, signedIn(c)),
    'decisions.pdf': (a) => decisionPdf(ctx, a.decisionId),
  };
}
