import type { decisionCalls } from '../../domain/api/decisions';
import type { CoreContext } from '../context';
import { decisionPdf, issueLicence, refuseConsideration, refuseLicence } from '../services/decisions';
import { signedIn, type AreaHandlers } from './caller';

export function decisionHandlers(ctx: CoreContext): AreaHandlers<typeof decisionCalls> {
  return {
    'decisions.issueLicence': (a, c) => issueLicence(ctx, a, signedIn(c)),
    'decisions.refuse': (a, c) => refuseLicence(ctx, a, signedIn(c)),
    'decisions.refuseConsideration': (a, c) => refuseConsideration(ctx, a, signedIn(c)),
    'decisions.pdf': (a) => decisionPdf(ctx, a.decisionId),
  };
}
