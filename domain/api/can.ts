import { contract, type Channel } from './contract';
import { mayUseApplication } from '../applications/ownership';
import { transitionTarget, type ApplicationStatus, type Role, type Transition } from '../applications/status';

/**
 * Who may make which call, on which application, in one place: the contract's access lists (roles),
 * whose a draft is (ownership), and the state machine (which status a call is legal in, and that only
 * the assigned executor works the checklist). The router asks it before any handler runs, the services
 * ask it again inside their transaction (the application may have moved meanwhile), and the UI asks it
 * which buttons to show — so the three can never disagree.
 */
export interface Actor {
  id: string;
  roles: readonly Role[];
}

/** What of an application the rules look at. */
export interface ApplicationFacts {
  status: ApplicationStatus;
  createdBy: string;
  executorId: string | null;
}

export type Verdict = { allowed: true } | { allowed: false; code: 'unauthenticated' | 'forbidden' | 'invalid-state'; reason?: string };

interface StateRule {
  legalIn: (status: ApplicationStatus) => boolean;
  /** Why not, in the words the services have always used (the UI explains each). */
  reason: (status: ApplicationStatus) => string;
  /** Only the executor the application is assigned to. */
  assignedExecutorOnly?: boolean;
}

const transition = (t: Transition): StateRule => ({ legalIn: (s) => transitionTarget(s, t) !== null, reason: (s) => `cannot-${t}-when-${s}` });
const draftOnly = (reason: string): StateRule => ({ legalIn: (s) => s === 'draft', reason: () => reason });
const documentsOfDraft = draftOnly('documents-locked-after-registration');
const decided = (s: ApplicationStatus) => s === 'issued' || s === 'refused';

const STATE_RULES: Partial<Record<Channel, StateRule>> = {
  'applications.discardDraft': draftOnly('not-a-draft'),
  'applications.register': transition('register'),
  'applications.verifyForm': { legalIn: (s) => s !== 'draft', reason: () => 'form-not-signed' },
  'applications.assign': transition('assign'),
  'applications.confirmComplete': { legalIn: (s) => s === 'assigned', reason: (s) => `cannot-confirm-complete-when-${s}`, assignedExecutorOnly: true },
  'applications.submitForDecision': { ...transition('submit-for-decision'), assignedExecutorOnly: true },
  'applications.proposeConsiderationRefusal': { ...transition('submit-for-decision'), assignedExecutorOnly: true },
  'applications.returnToExecutor': transition('return-to-executor'),
  'checklist.set': { legalIn: (s) => s === 'assigned', reason: (s) => `checklist-closed-when-${s}`, assignedExecutorOnly: true },
  'checklist.setEvidence': { legalIn: (s) => s === 'assigned', reason: (s) => `checklist-closed-when-${s}`, assignedExecutorOnly: true },
  'documents.attach': documentsOfDraft,
  'documents.remove': documentsOfDraft,
  'documents.setPaperPresented': documentsOfDraft,
  'scanner.attach': documentsOfDraft,
  'applications.handOut': { legalIn: decided, reason: (s) => `not-decided-when-${s}` },
  'applications.recordSurvey': { legalIn: decided, reason: (s) => `not-decided-when-${s}` },
  'decisions.issueLicence': transition('issue'),
  'decisions.refuse': transition('refuse'),
  'decisions.refuseConsideration': transition('refuse'),
  'decisions.preview': transition('issue'),
  'decisions.saveDraft': { legalIn: (s) => s === 'assigned', reason: (s) => `draft-closed-when-${s}`, assignedExecutorOnly: true },
};

const ALLOWED: Verdict = { allowed: true };

/**
 * The verdict on `user` making `call`; with `application`, on that application as it stands. Without
 * one, only the roles are judged (may this user ever make this call).
 */
export function verdict(user: Actor | null, call: Channel, application?: ApplicationFacts | null): Verdict {
  const spec = contract[call];
  if (spec.access === 'public') return ALLOWED;
  if (!user) return { allowed: false, code: 'unauthenticated' };
  if (spec.access !== 'signed-in' && !spec.access.some((role) => user.roles.includes(role))) return { allowed: false, code: 'forbidden', reason: call };
  if (!application || !('target' in spec) || !spec.target) return ALLOWED;
  if (!mayUseApplication(user, application, spec.target.use)) return { allowed: false, code: 'forbidden', reason: 'draft-of-another-clerk' };
  const rule = STATE_RULES[call];
  if (!rule) return ALLOWED;
  if (!rule.legalIn(application.status)) return { allowed: false, code: 'invalid-state', reason: rule.reason(application.status) };
  if (rule.assignedExecutorOnly && application.executorId !== user.id) return { allowed: false, code: 'forbidden', reason: 'not-the-assigned-executor' };
  return ALLOWED;
}

export function can(user: Actor | null, call: Channel, application?: ApplicationFacts | null): boolean {
  return verdict(user, call, application).allowed;
}
