import type { applicationCalls } from '../../domain/api/applications';
import type { CoreContext } from '../context';
import { fetchMissingDocuments } from '../sync/documents';
import { createDraft } from '../services/intake';
import { lookupApplicant, lookupPowerOfAttorney } from '../services/lookups';
import { resolveIdentity } from '../services/identity-checks';
import { detailOf, journal, journalCount, loadApplication, myWork } from '../services/application-view';
import { verifyIntakeForm } from '../services/intake-form';
import { assignExecutor, confirmComplete, discardDraft, proposeConsiderationRefusal, register, returnToExecutor, setChecklist, setEvidence, submitForDecision } from '../services/workflow';
import { ok, signedIn, type AreaHandlers } from './caller';
import { handOut, recordSurvey } from '../services/handout';
import { findLicences } from '../services/licences';

export function applicationHandlers(ctx: CoreContext): AreaHandlers<typeof applicationCalls> {
  return {
    'applicants.lookup': (a) => lookupApplicant(ctx, a.kind, a.idn),
    'poa.lookup': (a) => lookupPowerOfAttorney(ctx, a.registryNumber),
    'applications.createDraft': (a, c) => createDraft(ctx, a, signedIn(c)),
    'applications.checkIdentity': async (a) => {
      await ctx.identity.checkNow(a.id);
      return detailOf(ctx, a.id);
    },
    'applications.resolveIdentity': (a, c) => {
      resolveIdentity(ctx, a.id, a.subject, signedIn(c));
      return detailOf(ctx, a.id);
    },
    'applications.discardDraft': (a, c) => {
      discardDraft(ctx, a.id, signedIn(c));
      return ok;
    },
    'applications.get': async (a) => {
      await fetchMissingDocuments(ctx, a.id);
      return detailOf(ctx, a.id);
    },
    'applications.journal': (a, c) => journal(ctx, a, signedIn(c)),
    'applications.journalCount': (a, c) => journalCount(ctx, a, signedIn(c)),
    'licences.find': (a) => findLicences(ctx, a.search, a.serviceCode),
    'applications.myWork': (_a, c) => myWork(ctx, signedIn(c)),
    'applications.register': (a, c) => register(ctx, a.id, a, signedIn(c)),
    'applications.verifyForm': (a) => verifyIntakeForm(ctx, loadApplication(ctx, a.id)),
    'applications.assign': (a, c) => assignExecutor(ctx, a.id, a.executorId, signedIn(c)),
    'applications.confirmComplete': (a, c) => confirmComplete(ctx, a.id, signedIn(c)),
    'applications.submitForDecision': (a, c) => submitForDecision(ctx, a.id, signedIn(c)),
    'applications.proposeConsiderationRefusal': (a, c) => proposeConsiderationRefusal(ctx, a, signedIn(c)),
    'applications.returnToExecutor': (a, c) => returnToExecutor(ctx, a.id, a.note, signedIn(c)),
    'applications.handOut': ({ id, ...input }, c) => handOut(ctx, id, input, signedIn(c)),
    'applications.recordSurvey': ({ id, ...answers }, c) => recordSurvey(ctx, id, answers, signedIn(c)),
    'checklist.set': (a, c) => setChecklist(ctx, a, signedIn(c)),
    'checklist.setEvidence': (a, c) => setEvidence(ctx, a, signedIn(c)),
  };
}
