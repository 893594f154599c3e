import { z } from 'zod';
import type { ApplicationStatus, Role } from './status';
import type { WorkingTime } from '../calendar/working-time';

/**
 * The steps of seed 003's table, each with the role that holds it: the clerk registers, the head
 * assigns, the executor checks completeness (issue only) then prepares the licence or the refusal, the
 * head signs, the clerk hands the result out. Their deadlines are catalogue data, per procedure.
 */
export const STEPS = ['register', 'assign', 'completeness', 'prepare', 'sign', 'hand-out'] as const;
export const StepCode = z.enum(STEPS);
export type StepCode = z.infer<typeof StepCode>;

export const STEP_HOLDER: Readonly<Record<StepCode, Role>> = {
  register: 'clerk',
  assign: 'head',
  completeness: 'executor',
  prepare: 'executor',
  sign: 'head',
  'hand-out': 'clerk',
};

/** Every procedure has these; the completeness check only where the law sets one. */
export const REQUIRED_STEPS: readonly StepCode[] = ['register', 'assign', 'prepare', 'sign', 'hand-out'];

export interface StepFacts {
  status: ApplicationStatus;
  /** The procedure has a completeness check, and the executor has not yet found the documents complete. */
  completenessOpen: boolean;
  handedOut: boolean;
}

/** The step an application waits on, or null when it has left the office (handed out). */
export function stepFor({ status, completenessOpen, handedOut }: StepFacts): StepCode | null {
  switch (status) {
    case 'draft':
      return 'register';
    case 'registered':
      return 'assign';
    case 'assigned':
      return completenessOpen ? 'completeness' : 'prepare';
    case 'ready-for-decision':
      return 'sign';
    case 'issued':
    case 'refused':
      return handedOut ? null : 'hand-out';
  }
}

/** Past this share of the step's working time the step is at risk. */
export const AT_RISK_SHARE = 0.75;

export type Urgency = 'on-time' | 'at-risk' | 'overdue';

/**
 * The moment a step turns at risk: when AT_RISK_SHARE of its working time is spent (its due time, when
 * it was given no working time at all). Stored beside the due time, so the dashboard counts by index.
 */
export function atRiskAt(time: WorkingTime, step: { startedAt: Date; dueAt: Date }): Date {
  const allowed = time.workedMs(step.startedAt, step.dueAt);
  if (allowed <= 0) return step.dueAt;
  return time.afterWorked(step.startedAt, Math.ceil(AT_RISK_SHARE * allowed));
}

/** How a step stands at `now`, given when it turns at risk and when it falls due. */
export function urgencyAt(step: { atRiskAt: Date; dueAt: Date }, now: Date): Urgency {
  if (now.getTime() >= step.dueAt.getTime()) return 'overdue';
  return now.getTime() >= step.atRiskAt.getTime() ? 'at-risk' : 'on-time';
}

/** How the step stands at `now`, by working time spent against working time allowed. */
export function urgencyOf(time: WorkingTime, step: { startedAt: Date; dueAt: Date }, now: Date): Urgency {
  return urgencyAt({ atRiskAt: atRiskAt(time, step), dueAt: step.dueAt }, now);
}
