import { SURVEY_ANSWERS } from '../../domain/events/office-events';
import { DASHBOARD_LIST_MAX, monthsOf, SURVEY_QUESTIONS, type DashboardFilter, type DashboardQuery, type DashboardSegment, type DashboardView } from '../../domain/api/dashboard';
import { STEPS, type StepCode } from '../../domain/applications/steps';
import { applicationsByIds } from '../../db/repositories/applications';
import { decidedByExecutor, monthlyTotals, openStepTotals, segmentIds } from '../../db/repositories/dashboard';
import { listUsers } from '../../db/repositories/users';
import type { CoreContext } from '../context';
import { clockOf, summaryOf } from './application-view';

const HOUR_MS = 3_600_000;
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The head's dashboard under a filter: the period's monthly totals (kept by migration 24's triggers) and
 * the open steps as they stand now. Every figure is one the drill-down (`dashboardApplications`) lists.
 */
export function dashboard(ctx: CoreContext, query: DashboardQuery): DashboardView {
  const now = ctx.now().toISOString();
  // The year so far, by Kazakhstan's calendar (UTC+5).
  const thisMonth = new Date(ctx.now().getTime() + 5 * 3600_000).toISOString().slice(0, 7);
  const filter: DashboardFilter = { ...query, fromMonth: query.fromMonth ?? `${thisMonth.slice(0, 4)}-01`, toMonth: query.toMonth ?? thisMonth };
  const totals = monthlyTotals(ctx.db, filter);
  const services = ctx.catalogue.services.filter((s) => !filter.serviceCode || s.code === filter.serviceCode).map((s) => s.code);

  const flowKey = (month: string, service: string) => `${month}|${service}`;
  type FlowLine = DashboardView['flow'][number];
  const flow = new Map<string, FlowLine>(
    monthsOf(filter.fromMonth, filter.toMonth).flatMap((month) => services.map((serviceCode): [string, FlowLine] => [flowKey(month, serviceCode), { month, serviceCode, received: filter.executorId ? null : 0, issued: 0, refused: 0 }])),
  );
  const steps = new Map<StepCode, { ended: number; late: number; takenMs: number; allowedMs: number }>();
  const survey = new Map<string, number>();
  const decidedBy = new Map(decidedByExecutor(ctx.db, filter).map((d) => [d.executorId, d.n]));
  for (const t of totals) {
    if (t.measure === 'received' || t.measure === 'issued' || t.measure === 'refused') {
      const line = flow.get(flowKey(t.month, t.serviceCode));
      if (line && (t.measure !== 'received' || line.received !== null)) line[t.measure] = (line[t.measure] ?? 0) + t.n;
    } else if (t.measure.startsWith('step:')) {
      const step = t.measure.slice(5) as StepCode;
      const s = steps.get(step) ?? { ended: 0, late: 0, takenMs: 0, allowedMs: 0 };
      steps.set(step, { ended: s.ended + t.n, late: s.late + t.late, takenMs: s.takenMs + t.takenMs, allowedMs: s.allowedMs + t.allowedMs });
    } else if (t.measure.startsWith('survey:')) {
      const key = t.measure.slice(7);
      survey.set(key, (survey.get(key) ?? 0) + t.n);
    }
  }

  const open = openStepTotals(ctx.db, filter, now);
  const byStep = new Map<StepCode, { onTime: number; atRisk: number; overdue: number }>();
  const byExecutor = new Map<string, { onTime: number; atRisk: number; overdue: number }>();
  for (const o of open) {
    const s = byStep.get(o.step) ?? { onTime: 0, atRisk: 0, overdue: 0 };
    byStep.set(o.step, { onTime: s.onTime + o.onTime, atRisk: s.atRisk + o.atRisk, overdue: s.overdue + o.overdue });
    // An executor's load: the steps that wait on them (the check and the preparation).
    if (o.executorId && (o.step === 'completeness' || o.step === 'prepare')) {
      const e = byExecutor.get(o.executorId) ?? { onTime: 0, atRisk: 0, overdue: 0 };
      byExecutor.set(o.executorId, { onTime: e.onTime + o.onTime, atRisk: e.atRisk + o.atRisk, overdue: e.overdue + o.overdue });
    }
  }
  const users = new Map(listUsers(ctx.db).map((u) => [u.id, u]));
  const executorIds = new Set([...users.values()].filter((u) => u.roles.includes('executor') && !u.disabled).map((u) => u.id));
  for (const id of [...byExecutor.keys(), ...decidedBy.keys()]) executorIds.add(id);
  if (filter.executorId) for (const id of [...executorIds]) if (id !== filter.executorId) executorIds.delete(id);

  return {
    filter,
    flow: [...flow.values()],
    steps: STEPS.filter((s) => steps.has(s)).map((step) => {
      const s = steps.get(step)!;
      return { step, ended: s.ended, late: s.late, meanHours: round1(s.takenMs / s.ended / HOUR_MS), meanAllowedHours: round1(s.allowedMs / s.ended / HOUR_MS) };
    }),
    now: STEPS.filter((s) => byStep.has(s)).map((step) => ({ step, ...byStep.get(step)! })),
    executors: [...executorIds]
      .map((id) => ({ executorId: id, name: users.get(id)?.fullName ?? id, ...(byExecutor.get(id) ?? { onTime: 0, atRisk: 0, overdue: 0 }), decided: decidedBy.get(id) ?? 0 }))
      .sort((a, b) => b.overdue - a.overdue || b.atRisk - a.atRisk || a.name.localeCompare(b.name, 'ru')),
    survey: SURVEY_QUESTIONS.flatMap((question) => SURVEY_ANSWERS.map((answer) => ({ question, answer, count: survey.get(`${question}:${answer}`) ?? 0 }))),
    at: now,
  };
}

/** The applications behind one bar, judged like the journal's rows (at most DASHBOARD_LIST_MAX). */
export function dashboardApplications(ctx: CoreContext, filter: DashboardFilter, segment: DashboardSegment) {
  const clock = clockOf(ctx);
  const ids = segmentIds(ctx.db, filter, segment, clock.now.toISOString(), DASHBOARD_LIST_MAX + 1);
  return { applications: applicationsByIds(ctx.db, ids.slice(0, DASHBOARD_LIST_MAX)).map((app) => summaryOf(app, clock)), more: ids.length > DASHBOARD_LIST_MAX };
}
