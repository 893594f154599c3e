import { z } from 'zod';

/**
 * The application's life inside the authority (diagram No. 2 and the step table of seed 003):
 * the clerk registers, the head assigns an executor, the executor works through the checklist and
 * proposes a decision, the head signs a licence or a motivated refusal.
 */
export const STATUSES = ['draft', 'registered', 'assigned', 'ready-for-decision', 'issued', 'refused'] as const;
export const ApplicationStatus = z.enum(STATUSES);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

export const ROLES = ['clerk', 'executor', 'head', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export type Transition = 'register' | 'assign' | 'submit-for-decision' | 'return-to-executor' | 'issue' | 'refuse';

/** Who makes each transition is the contract's business (its access lists); here: from where to where. */
const TRANSITIONS: Record<Transition, { from: readonly ApplicationStatus[]; to: ApplicationStatus }> = {
  register: { from: ['draft'], to: 'registered' },
  assign: { from: ['registered', 'assigned'], to: 'assigned' },
  'submit-for-decision': { from: ['assigned'], to: 'ready-for-decision' },
  'return-to-executor': { from: ['ready-for-decision'], to: 'assigned' },
  issue: { from: ['ready-for-decision'], to: 'issued' },
  refuse: { from: ['ready-for-decision'], to: 'refused' },
};

export function transitionTarget(from: ApplicationStatus, transition: Transition): ApplicationStatus | null {
  const rule = TRANSITIONS[transition];
  return rule.from.includes(from) ? rule.to : null;
}
