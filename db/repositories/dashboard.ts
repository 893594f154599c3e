import type { DashboardFilter, DashboardSegment } from '../../domain/api/dashboard';
import type { StepCode } from '../../domain/applications/steps';
import type { Db } from '../db';
import { preparedOnce } from '../rows';

/** The first instant of a Kazakhstan month (UTC+5) and of the month after `to`. */
export function monthBounds(from: string, to: string): { since: string; until: string } {
  const next = Number(to.slice(5, 7)) === 12 ? `${Number(to.slice(0, 4)) + 1}-01` : `${to.slice(0, 4)}-${String(Number(to.slice(5, 7)) + 1).padStart(2, '0')}`;
  const start = (month: string) => new Date(Date.parse(`${month}-01T00:00:00+05:00`)).toISOString();
  return { since: start(from), until: start(next) };
}

/** The filter's conditions on an application (alias `a`), and their parameters. */
function applicationConditions(filter: DashboardFilter) {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const narrow = (condition: string, name: string, value: string | undefined) => {
    if (value === undefined) return;
    where.push(condition);
    params[name] = value;
  };
  narrow('a.service_code = @service', 'service', filter.serviceCode);
  narrow('a.procedure = @procedure', 'procedure', filter.procedure);
  narrow('a.executor_id = @executor', 'executor', filter.executorId);
  return { where, params, narrow };
}

export interface MonthlyTotal {
  month: string;
  measure: string;
  serviceCode: string;
  n: number;
  late: number;
  takenMs: number;
  allowedMs: number;
}

function monthlyConditions(filter: DashboardFilter) {
  const { where, params } = applicationConditions(filter);
  return { where: [...where.map((w) => w.replace('a.', 'm.')), 'm.month BETWEEN @fromMonth AND @toMonth'].join(' AND '), params: { ...params, fromMonth: filter.fromMonth, toMonth: filter.toMonth } };
}

/** The monthly totals (migration 24's triggers keep them) of the period under the filter, per month, measure and service. */
export function monthlyTotals(db: Db, filter: DashboardFilter): MonthlyTotal[] {
  const { where, params } = monthlyConditions(filter);
  return preparedOnce(
    db,
    `SELECT m.month, m.measure, m.service_code AS serviceCode, sum(m.n) AS n, sum(m.late) AS late, sum(m.taken_ms) AS takenMs, sum(m.allowed_ms) AS allowedMs
     FROM monthly_counts m WHERE ${where} GROUP BY m.month, m.measure, m.service_code`,
  ).all(params) as MonthlyTotal[];
}

/** Decisions signed in the period under the filter, per executor of the application. */
export function decidedByExecutor(db: Db, filter: DashboardFilter): { executorId: string; n: number }[] {
  const { where, params } = monthlyConditions(filter);
  return preparedOnce(
    db,
    `SELECT m.executor_id AS executorId, sum(m.n) AS n FROM monthly_counts m
     WHERE ${where} AND m.measure IN ('issued', 'refused') AND m.executor_id <> '' GROUP BY m.executor_id`,
  ).all(params) as { executorId: string; n: number }[];
}

export interface OpenStepTotal {
  step: StepCode;
  executorId: string | null;
  onTime: number;
  atRisk: number;
  overdue: number;
}

// How an open step stands at @now: the very comparisons of domain/applications/steps urgencyAt, on the
// stored due and at-risk instants (ISO strings of one form compare as the instants do).
const OVERDUE = 's.due_at <= @now';
const AT_RISK = 's.due_at > @now AND coalesce(s.at_risk_at, s.due_at) <= @now';
const ON_TIME = 'coalesce(s.at_risk_at, s.due_at) > @now';

/** The steps open now, by step and executor, counted by how they stand at `now`. */
export function openStepTotals(db: Db, filter: DashboardFilter, now: string): OpenStepTotal[] {
  const { where, params } = applicationConditions(filter);
  return preparedOnce(
    db,
    `SELECT s.step, a.executor_id AS executorId, sum(${ON_TIME}) AS onTime, sum(${AT_RISK}) AS atRisk, sum(${OVERDUE}) AS overdue
     FROM application_steps s JOIN applications a ON a.id = s.application_id
     WHERE ${['s.ended_at IS NULL', ...where].join(' AND ')}
     GROUP BY s.step, a.executor_id`,
  ).all({ ...params, now }) as OpenStepTotal[];
}

/**
 * The applications behind one bar of the dashboard, newest event first: at most `limit` ids. Each
 * segment's condition is the one its figure was counted by (the triggers of migration 24, or the open
 * steps' comparisons above).
 */
export function segmentIds(db: Db, filter: DashboardFilter, segment: DashboardSegment, now: string, limit: number): string[] {
  const { where, params, narrow } = applicationConditions(filter);
  const period = monthBounds(filter.fromMonth, filter.toMonth);
  Object.assign(params, { limit, now, since: period.since, until: period.until });
  let sql: string;
  switch (segment.kind) {
    case 'flow': {
      const month = monthBounds(segment.month, segment.month);
      Object.assign(params, { since: month.since, until: month.until });
      narrow('a.service_code = @segmentService', 'segmentService', segment.serviceCode);
      if (segment.measure === 'received') {
        // Received is not counted per executor (migration 24): the executor filter does not narrow it.
        const received = where.filter((w) => !w.startsWith('a.executor_id'));
        sql = `SELECT a.id FROM applications a WHERE ${['a.registered_at >= @since', 'a.registered_at < @until', ...received].join(' AND ')} ORDER BY a.registered_at DESC LIMIT @limit`;
      } else {
        params.kind = segment.measure === 'issued' ? 'licence' : 'refusal';
        sql = `SELECT a.id FROM decisions d JOIN applications a ON a.id = d.application_id
               WHERE ${['d.signed_at >= @since', 'd.signed_at < @until', 'd.kind = @kind', ...where].join(' AND ')} ORDER BY d.signed_at DESC LIMIT @limit`;
      }
      break;
    }
    case 'late-step':
      params.step = segment.step;
      sql = `SELECT DISTINCT a.id FROM application_steps s JOIN applications a ON a.id = s.application_id
             WHERE ${['s.step = @step', 's.ended_at >= @since', 's.ended_at < @until', 's.ended_at > s.due_at', ...where].join(' AND ')} ORDER BY s.ended_at DESC LIMIT @limit`;
      break;
    case 'open': {
      narrow('s.step = @step', 'step', segment.step);
      narrow('a.executor_id = @segmentExecutor', 'segmentExecutor', segment.executorId);
      const conditions = ['s.ended_at IS NULL', ...where];
      if (segment.urgency) conditions.push({ 'on-time': ON_TIME, 'at-risk': AT_RISK, overdue: OVERDUE }[segment.urgency]);
      sql = `SELECT a.id FROM application_steps s JOIN applications a ON a.id = s.application_id WHERE ${conditions.join(' AND ')} ORDER BY s.due_at, a.id LIMIT @limit`;
      break;
    }
    case 'survey':
      // The question is one of two names (the API's enum): a column name, never the user's text.
      params.answer = segment.answer;
      sql = `SELECT a.id FROM handouts h JOIN applications a ON a.id = h.application_id
             WHERE ${['h.survey_at >= @since', 'h.survey_at < @until', `h.survey_${segment.question} = @answer`, ...where].join(' AND ')} ORDER BY h.survey_at DESC LIMIT @limit`;
      break;
  }
  return (preparedOnce(db, sql).all(params) as { id: string }[]).map((r) => r.id);
}
