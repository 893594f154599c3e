import { z } from 'zod';
import { call, Id } from './call';
import { ApplicationSummary, SurveyAnswer } from './applications';
import { Code, ProcedureCode } from '../catalogue/catalogue';
import { StepCode } from '../applications/steps';

/** A Kazakhstan calendar month, "2026-12". */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month');
export type Month = z.infer<typeof Month>;

/** The longest period the dashboard charts: three years, month by month. */
export const DASHBOARD_MAX_MONTHS = 36;
/** The most applications a click on a chart opens; beyond them, the journal's filters. */
export const DASHBOARD_LIST_MAX = 200;

export const FLOW_MEASURES = ['received', 'issued', 'refused'] as const;
export const FlowMeasure = z.enum(FLOW_MEASURES);
export type FlowMeasure = z.infer<typeof FlowMeasure>;

export const SURVEY_QUESTIONS = ['process', 'information'] as const;
export const SurveyQuestion = z.enum(SURVEY_QUESTIONS);

export const OpenUrgency = z.enum(['on-time', 'at-risk', 'overdue']);

const Narrowing = { serviceCode: Code.optional(), procedure: ProcedureCode.optional(), executorId: Id.optional() };
const periodRules = <T extends z.ZodType<{ fromMonth?: string | undefined; toMonth?: string | undefined }>>(schema: T) =>
  schema
    .refine((f) => (f.fromMonth === undefined) === (f.toMonth === undefined), { message: 'period-incomplete' })
    .refine((f) => !f.fromMonth || !f.toMonth || f.fromMonth <= f.toMonth, { message: 'from-after-to' })
    .refine((f) => !f.fromMonth || !f.toMonth || monthsBetween(f.fromMonth, f.toMonth) <= DASHBOARD_MAX_MONTHS, { message: 'period-too-long' });

/** What the head narrows the dashboard to: a period of months and, if chosen, a service, procedure, executor. */
export const DashboardFilter = periodRules(z.object({ fromMonth: Month, toMonth: Month, ...Narrowing }).strict());
export type DashboardFilter = z.infer<typeof DashboardFilter>;

/** The dashboard asked for: without a period, the year so far by the office's clock (the core's, not the screen's). */
export const DashboardQuery = periodRules(z.object({ fromMonth: Month.optional(), toMonth: Month.optional(), ...Narrowing }).strict());
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** How many months from `from` to `to`, both counted. */
export function monthsBetween(from: Month, to: Month): number {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  return index(to) - index(from) + 1;
}

/** Every month from `from` to `to`, both included. */
export function monthsOf(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let i = 0, n = monthsBetween(from, to); i < n; i++) {
    const index = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - 1 + i;
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

const Count = z.number().int().nonnegative();

export const DashboardView = z.object({
  /** The filter the figures are for, its period filled in. */
  filter: DashboardFilter,
  /** Received / issued / refused per month and service. Received is not counted per executor (the head assigns later): null under an executor filter. */
  flow: z.array(z.object({ month: Month, serviceCode: z.string(), received: Count.nullable(), issued: Count, refused: Count })),
  /** Steps ended in the period: how many, how many late, mean hours taken against mean hours allowed (wall clock). */
  steps: z.array(z.object({ step: StepCode, ended: Count, late: Count, meanHours: z.number().nonnegative(), meanAllowedHours: z.number().nonnegative() })),
  /** The steps open now, by how they stand. */
  now: z.array(z.object({ step: StepCode, onTime: Count, atRisk: Count, overdue: Count })),
  /** Each executor's open applications now and their decisions in the period. */
  executors: z.array(z.object({ executorId: Id, name: z.string(), onTime: Count, atRisk: Count, overdue: Count, decided: Count })),
  /** The survey's answers in the period, per question. */
  survey: z.array(z.object({ question: SurveyQuestion, answer: SurveyAnswer, count: Count })),
  /** When the figures were read (the "now" of the open steps). */
  at: z.string(),
});
export type DashboardView = z.infer<typeof DashboardView>;

/** What a click on a chart's bar opens: the applications behind it, under the dashboard's filter. */
export const DashboardSegment = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('flow'), measure: FlowMeasure, month: Month, serviceCode: Code.optional() }).strict(),
  z.object({ kind: z.literal('late-step'), step: StepCode }).strict(),
  z.object({ kind: z.literal('open'), step: StepCode.optional(), urgency: OpenUrgency.optional(), executorId: Id.optional() }).strict(),
  z.object({ kind: z.literal('survey'), question: SurveyQuestion, answer: SurveyAnswer }).strict(),
]);
export type DashboardSegment = z.infer<typeof DashboardSegment>;

/** The head's dashboard: the office's flow, its steps against their deadlines, the load, the survey. */
export const dashboardCalls = {
  'dashboard.get': call({ args: DashboardQuery, result: DashboardView, access: ['head'] }),
  'dashboard.applications': call({
    args: z.object({ filter: DashboardFilter, segment: DashboardSegment }).strict(),
    result: z.object({ applications: z.array(ApplicationSummary), more: z.boolean() }),
    access: ['head'],
  }),
} as const;
