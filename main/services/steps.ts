import { AppError } from '../../domain/api/errors';
import { atRiskAt, stepFor, type StepCode } from '../../domain/applications/steps';
import type { ApplicationStatus } from '../../domain/applications/status';
import { DEFAULT_OFFICE_HOURS, OfficeHours, WorkingTime } from '../../domain/calendar/working-time';
import { findProcedure, stepDeadline, type ProcedureCode } from '../../domain/catalogue/catalogue';
import { endOpenStep, hasEndedStep, openStepOf, openSteps, setDueAt, startStep, undecidedWithoutStep } from '../../db/repositories/application-steps';
import { appendEvent } from '../../db/repositories/events';
import { withdrawConsiderationRefusal } from '../../db/repositories/consideration-refusals';
import { getSetting, setSetting } from '../../db/repositories/settings';
import { inTransaction, type CoreContext } from '../context';

/** What counting a step's deadline needs: the catalogue's step table, the calendar, the office's hours. */
export type StepContext = Pick<CoreContext, 'db' | 'catalogue' | 'calendar'>;

const OFFICE_HOURS_KEY = 'office.hours';

export function officeHours(ctx: Pick<CoreContext, 'db'>): OfficeHours {
  const stored = getSetting(ctx.db, OFFICE_HOURS_KEY);
  const parsed = stored ? OfficeHours.safeParse(JSON.parse(stored)) : null;
  return parsed?.success ? parsed.data : DEFAULT_OFFICE_HOURS;
}

export function workingTimeOf(ctx: StepContext): WorkingTime {
  return new WorkingTime(ctx.calendar, officeHours(ctx));
}

/** The administrator sets the office's hours; every open step is recounted by them in the same transaction. */
export function setOfficeHours(ctx: CoreContext, hours: OfficeHours, actorId: string | null): void {
  inTransaction(ctx, () => {
    setSetting(ctx.db, OFFICE_HOURS_KEY, JSON.stringify(hours));
    appendEvent(ctx.db, { at: ctx.now().toISOString(), actorId, entity: 'authority', entityId: OFFICE_HOURS_KEY, type: 'settings.office-hours', payload: hours });
    recountOpenSteps(ctx);
  });
}

interface StepSubject {
  id: string;
  serviceCode: string;
  procedure: ProcedureCode;
}

function deadlineOf(ctx: StepContext, app: StepSubject, step: StepCode) {
  const found = findProcedure(ctx.catalogue, app.serviceCode, app.procedure);
  if (!found) throw new AppError('invalid-state', 'service-withdrawn');
  const deadline = stepDeadline(found.procedure, step);
  // The catalogue's schema requires every step but the completeness check, which stepFor asks for only where listed.
  if (!deadline) throw new AppError('invalid-state', `no-deadline-for-${step}`);
  return deadline;
}

/** Whether the application owes its completeness check: in it now (begun again, say), or its procedure has one not yet ended. */
function completenessOpen(ctx: StepContext, app: StepSubject): boolean {
  if (openStepOf(ctx.db, app.id)?.step === 'completeness') return true;
  const found = findProcedure(ctx.catalogue, app.serviceCode, app.procedure);
  return !!found && stepDeadline(found.procedure, 'completeness') !== null && !hasEndedStep(ctx.db, app.id, 'completeness');
}

/** The step an application in `status` waits on next. */
export function nextStep(ctx: StepContext, app: StepSubject, status: ApplicationStatus, handedOut = false): StepCode | null {
  return stepFor({ status, completenessOpen: completenessOpen(ctx, app), handedOut });
}

/**
 * The application moves on to `step` at `at` (null: it has left the office): the open step ends there,
 * by `by`, and the next begins with its deadline counted in working time. A step it is in already goes
 * on with its clock (the head giving the application to another executor does not restart the check).
 */
export function moveToStep(ctx: StepContext, app: StepSubject, step: StepCode | null, at: string, by: string | null): void {
  const open = openStepOf(ctx.db, app.id);
  if (open && open.step === step) return;
  endOpenStep(ctx.db, app.id, at, by);
  if (!step) return;
  const time = workingTimeOf(ctx);
  const dueAt = time.dueAt(new Date(at), deadlineOf(ctx, app, step));
  const riskAt = atRiskAt(time, { startedAt: new Date(at), dueAt });
  startStep(ctx.db, { applicationId: app.id, step, startedAt: at, dueAt: dueAt.toISOString(), atRiskAt: riskAt.toISOString() });
}

/** Moves the application to the step its new status means. */
export function advanceTo(ctx: StepContext, app: StepSubject, status: ApplicationStatus, at: string, by: string | null): void {
  moveToStep(ctx, app, nextStep(ctx, app, status), at, by);
}

/**
 * The head sends the application back to the executor. A refusal of further consideration proposed is
 * withdrawn, and the completeness check begins again; otherwise the examination goes on.
 */
export function returnedToExecutor(ctx: StepContext, app: StepSubject, at: string, by: string | null): void {
  if (withdrawConsiderationRefusal(ctx.db, app.id)) moveToStep(ctx, app, 'completeness', at, by);
  else advanceTo(ctx, app, 'assigned', at, by);
}

/**
 * Every open step's deadline (and the moment it turns at risk) counted again by today's calendar and hours (a decree moved a day off, the
 * office changed its hours); and an open step for each undecided application that has none (one from
 * before steps were kept, started when it last moved). Returns how many deadlines changed.
 */
export function recountOpenSteps(ctx: StepContext): number {
  for (const app of undecidedWithoutStep(ctx.db)) {
    const step = nextStep(ctx, app, app.status as ApplicationStatus);
    if (step && findProcedure(ctx.catalogue, app.serviceCode, app.procedure)) moveToStep(ctx, app, step, app.updatedAt, null);
  }
  const time = workingTimeOf(ctx);
  let changed = 0;
  for (const open of openSteps(ctx.db)) {
    if (!findProcedure(ctx.catalogue, open.serviceCode, open.procedure)) continue;
    const startedAt = new Date(open.startedAt);
    const dueAt = time.dueAt(startedAt, deadlineOf(ctx, { id: open.applicationId, serviceCode: open.serviceCode, procedure: open.procedure }, open.step));
    const riskAt = atRiskAt(time, { startedAt, dueAt }).toISOString();
    if (dueAt.toISOString() !== open.dueAt || riskAt !== open.atRiskAt) {
      setDueAt(ctx.db, open.id, dueAt.toISOString(), riskAt);
      if (dueAt.toISOString() !== open.dueAt) changed++;
    }
  }
  return changed;
}

