import type { TFunction } from 'i18next';
import type { DashboardSegment, DashboardView } from '../../../../domain/api/contract';
import { FLOW_MEASURES, type FlowMeasure } from '../../../../domain/api/dashboard';
import type { Catalogue } from '../../../../domain/catalogue/catalogue';
import type { BarClick, ChartOption } from '../../components/Chart';
import { localDecimal, localNumber } from '../../components/local-format';
import { localized } from '../../i18n';

/** A cell of a chart's table of figures: its text and, for a count, what a click on it lists. */
export interface FigureCell {
  text: string;
  /** What the figure is, for tests and screen readers ("flow:received:2026-12"). */
  key?: string;
  segment?: DashboardSegment;
  what?: string;
}

export interface DashboardChart {
  id: 'flow' | 'steps' | 'now' | 'executors' | 'survey';
  title: string;
  option: ChartOption;
  note?: string;
  table: { head: string[]; rows: FigureCell[][] };
  segmentOfBar: (click: BarClick) => { segment: DashboardSegment; what: string } | null;
}

const COLOURS = { received: '#1565c0', issued: '#2e7d32', refused: '#b03a2e', 'on-time': '#2e7d32', 'at-risk': '#e0a100', overdue: '#b03a2e', taken: '#1565c0', allowed: '#9aa7b5' };
const URGENCIES = ['on-time', 'at-risk', 'overdue'] as const;

const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
const bar = (id: string, name: string, data: number[], colour: string, stack?: string) => ({
  id,
  name,
  type: 'bar',
  data,
  ...(stack ? { stack } : {}),
  itemStyle: { color: colour },
  label: { show: true, position: stack ? 'inside' : 'top', formatter: (p: { value: number }) => (p.value ? localNumber(p.value) : '') },
  emphasis: { focus: 'series' },
  cursor: 'pointer',
});
const base = (categories: string[], horizontal = false) => ({
  animation: false,
  grid,
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  legend: { top: 0 },
  [horizontal ? 'yAxis' : 'xAxis']: { type: 'category', data: categories, axisLabel: { interval: 0, hideOverlap: true } },
  [horizontal ? 'xAxis' : 'yAxis']: { type: 'value', minInterval: 1 },
});
const n = (x: number) => String(x);

/** A month as the head reads it: "12.2026". */
const monthLabel = (month: string) => `${month.slice(5, 7)}.${month.slice(0, 4)}`;

/** The dashboard's five charts, each with the table of its figures and what a click on a bar lists. */
export function chartsOf(view: DashboardView, catalogue: Catalogue, t: TFunction): DashboardChart[] {
  const serviceName = (code: string) => localized(catalogue.services.find((s) => s.code === code)?.name) || code;
  const stepName = (step: string) => t(`steps.step.${step}`);
  const urgencyName = (u: string) => t(`steps.urgency.${u}`);

  // Received / issued / refused per month (all services of the filter summed), the table per service.
  const months = [...new Set(view.flow.map((f) => f.month))];
  const measures = FLOW_MEASURES.filter((m) => m !== 'received' || view.flow.every((f) => f.received !== null));
  const monthTotal = (month: string, m: FlowMeasure) => view.flow.filter((f) => f.month === month).reduce((sum, f) => sum + (f[m] ?? 0), 0);
  const flowWhat = (m: FlowMeasure, month: string, service?: string) => `${t(`dashboard.flow.${m}`)} · ${monthLabel(month)}${service ? ` · ${serviceName(service)}` : ''}`;
  const flow: DashboardChart = {
    id: 'flow',
    title: t('dashboard.flow.title'),
    option: { ...base(months.map(monthLabel)), series: measures.map((m) => bar(m, t(`dashboard.flow.${m}`), months.map((month) => monthTotal(month, m)), COLOURS[m])) },
    table: {
      head: [t('dashboard.month'), t('dashboard.service'), ...measures.map((m) => t(`dashboard.flow.${m}`))],
      rows: view.flow
        .filter((f) => measures.some((m) => (f[m] ?? 0) > 0))
        .map((f) => [
          { text: monthLabel(f.month) },
          { text: serviceName(f.serviceCode) },
          ...measures.map((m) => ({
            text: n(f[m] ?? 0),
            key: `flow:${m}:${f.month}:${f.serviceCode}`,
            segment: { kind: 'flow', measure: m, month: f.month, serviceCode: f.serviceCode } as DashboardSegment,
            what: flowWhat(m, f.month, f.serviceCode),
          })),
        ]),
    },
    segmentOfBar: ({ seriesId, dataIndex }) => {
      const m = seriesId as FlowMeasure;
      const month = months[dataIndex];
      return month ? { segment: { kind: 'flow', measure: m, month }, what: flowWhat(m, month) } : null;
    },
  };

  const steps: DashboardChart = {
    id: 'steps',
    title: t('dashboard.steps.title'),
    note: t('dashboard.steps.note'),
    option: {
      ...base(view.steps.map((s) => stepName(s.step))),
      series: [
        bar('taken', t('dashboard.steps.meanHours'), view.steps.map((s) => s.meanHours), COLOURS.taken),
        bar('allowed', t('dashboard.steps.allowedHours'), view.steps.map((s) => s.meanAllowedHours), COLOURS.allowed),
      ],
    },
    table: {
      head: [t('dashboard.steps.step'), t('dashboard.steps.ended'), t('dashboard.steps.late'), t('dashboard.steps.meanHours'), t('dashboard.steps.allowedHours')],
      rows: view.steps.map((s) => [
        { text: stepName(s.step) },
        { text: n(s.ended), key: `steps:ended:${s.step}` },
        { text: n(s.late), key: `steps:late:${s.step}`, segment: { kind: 'late-step', step: s.step }, what: `${t('dashboard.steps.late')} · ${stepName(s.step)}` },
        { text: localDecimal(s.meanHours), key: `steps:mean:${s.step}` },
        { text: localDecimal(s.meanAllowedHours), key: `steps:allowed:${s.step}` },
      ]),
    },
    segmentOfBar: ({ dataIndex }) => {
      const s = view.steps[dataIndex];
      return s ? { segment: { kind: 'late-step', step: s.step }, what: `${t('dashboard.steps.late')} · ${stepName(s.step)}` } : null;
    },
  };

  const key = { 'on-time': 'onTime', 'at-risk': 'atRisk', overdue: 'overdue' } as const;
  const now: DashboardChart = {
    id: 'now',
    title: t('dashboard.now.title'),
    option: { ...base(view.now.map((s) => stepName(s.step))), series: URGENCIES.map((u) => bar(u, urgencyName(u), view.now.map((s) => s[key[u]]), COLOURS[u], 'open')) },
    table: {
      head: [t('dashboard.steps.step'), ...URGENCIES.map(urgencyName)],
      rows: view.now.map((s) => [
        { text: stepName(s.step) },
        ...URGENCIES.map((u) => ({ text: n(s[key[u]]), key: `now:${u}:${s.step}`, segment: { kind: 'open', step: s.step, urgency: u } as DashboardSegment, what: `${stepName(s.step)} · ${urgencyName(u)}` })),
      ]),
    },
    segmentOfBar: ({ seriesId, dataIndex }) => {
      const s = view.now[dataIndex];
      const u = seriesId as (typeof URGENCIES)[number];
      return s ? { segment: { kind: 'open', step: s.step, urgency: u }, what: `${stepName(s.step)} · ${urgencyName(u)}` } : null;
    },
  };

  const people = [...view.executors].reverse(); // the busiest on top of a horizontal chart
  const executors: DashboardChart = {
    id: 'executors',
    title: t('dashboard.executors.title'),
    ...(view.executors.length === 0 ? { note: t('dashboard.executors.none') } : {}),
    option: {
      ...base(people.map((e) => e.name), true),
      series: [
        ...URGENCIES.map((u) => bar(u, urgencyName(u), people.map((e) => e[key[u]]), COLOURS[u], 'open')),
        bar('decided', t('dashboard.executors.decided'), people.map((e) => e.decided), COLOURS.allowed),
      ],
    },
    table: {
      head: [t('dashboard.executor'), ...URGENCIES.map(urgencyName), t('dashboard.executors.decided')],
      rows: view.executors.map((e) => [
        { text: e.name },
        ...URGENCIES.map((u) => ({ text: n(e[key[u]]), key: `executors:${u}:${e.executorId}`, segment: { kind: 'open', executorId: e.executorId, urgency: u } as DashboardSegment, what: `${e.name} · ${urgencyName(u)}` })),
        { text: n(e.decided), key: `executors:decided:${e.executorId}` },
      ]),
    },
    segmentOfBar: ({ seriesId, dataIndex }) => {
      const e = people[dataIndex];
      if (!e || seriesId === 'decided') return null;
      const u = seriesId as (typeof URGENCIES)[number];
      return { segment: { kind: 'open', executorId: e.executorId, urgency: u }, what: `${e.name} · ${urgencyName(u)}` };
    },
  };

  const questions = ['process', 'information'] as const;
  const answers = ['not-satisfied', 'partly', 'satisfied'] as const;
  const answerColour = { 'not-satisfied': COLOURS.overdue, partly: COLOURS['at-risk'], satisfied: COLOURS['on-time'] };
  const countOf = (q: string, a: string) => view.survey.find((s) => s.question === q && s.answer === a)?.count ?? 0;
  const surveyWhat = (q: string, a: string) => `${t(`dashboard.survey.${q}`)} · ${t(`handout.answers.${a}`)}`;
  const survey: DashboardChart = {
    id: 'survey',
    title: t('dashboard.survey.title'),
    option: {
      ...base(questions.map((q) => t(`dashboard.survey.${q}`))),
      series: answers.map((a) => bar(a, t(`handout.answers.${a}`), questions.map((q) => countOf(q, a)), answerColour[a], 'survey')),
    },
    table: {
      head: [t('dashboard.survey.question'), ...answers.map((a) => t(`handout.answers.${a}`))],
      rows: questions.map((q) => [
        { text: t(`dashboard.survey.${q}`) },
        ...answers.map((a) => ({ text: n(countOf(q, a)), key: `survey:${q}:${a}`, segment: { kind: 'survey', question: q, answer: a } as DashboardSegment, what: surveyWhat(q, a) })),
      ]),
    },
    segmentOfBar: ({ seriesId, dataIndex }) => {
      const q = questions[dataIndex];
      return q ? { segment: { kind: 'survey', question: q, answer: seriesId as (typeof answers)[number] }, what: surveyWhat(q, seriesId) } : null;
    },
  };

  return [flow, now, steps, executors, survey];
}
