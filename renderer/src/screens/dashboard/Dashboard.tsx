import { MonthPicker } from '../../components/MonthPicker';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationSummary, DashboardFilter, DashboardSegment, DashboardView } from '../../../../domain/api/contract';
import { PROCEDURES, type Catalogue } from '../../../../domain/catalogue/catalogue';
import { api } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { localTime } from '../../components/local-format';
import { useAction } from '../../components/use-action';
import { localized } from '../../i18n';
import { chartsOf, type DashboardChart } from './charts';
import { Chart } from '../../components/Chart';
import { SegmentList } from './SegmentList';

interface Narrowing {
  fromMonth: string;
  toMonth: string;
  serviceCode: string;
  procedure: string;
  executorId: string;
}

const toQuery = (n: Narrowing) => ({
  ...(n.fromMonth && n.toMonth ? { fromMonth: n.fromMonth, toMonth: n.toMonth } : {}),
  ...(n.serviceCode ? { serviceCode: n.serviceCode } : {}),
  ...(n.procedure ? { procedure: n.procedure as DashboardFilter['procedure'] } : {}),
  ...(n.executorId ? { executorId: n.executorId } : {}),
});

/**
 * The head's dashboard: the office's flow per month, its steps against their deadlines, the open steps
 * now, each executor's load and the survey — each chart with its figures in a table beside it, and a
 * click on a bar (or a figure) listing the applications behind it.
 */
export function Dashboard({ catalogue, onOpen }: { catalogue: Catalogue; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const [narrowing, setNarrowing] = useState<Narrowing>({ fromMonth: '', toMonth: '', serviceCode: '', procedure: '', executorId: '' });
  const [view, setView] = useState<DashboardView | null>(null);
  const [executors, setExecutors] = useState<{ executorId: string; name: string }[]>([]);
  const [segment, setSegment] = useState<{ segment: DashboardSegment; what: string } | null>(null);
  const [list, setList] = useState<{ applications: ApplicationSummary[]; more: boolean } | null>(null);
  const action = useAction();

  async function load(n: Narrowing) {
    await action.run(async () => {
      const v = await api['dashboard.get'](toQuery(n));
      setView(v);
      setNarrowing({ ...n, fromMonth: v.filter.fromMonth, toMonth: v.filter.toMonth });
      if (!n.executorId) setExecutors(v.executors.map(({ executorId, name }) => ({ executorId, name })));
      setSegment(null);
      setList(null);
    });
  }

  useEffect(() => {
    void load(narrowing);
  }, []);

  const show = (event: FormEvent) => {
    event.preventDefault();
    void load(narrowing);
  };

  async function open(chosen: DashboardSegment, what: string) {
    if (!view) return;
    setSegment({ segment: chosen, what });
    setList(null);
    await action.run(async () => setList(await api['dashboard.applications']({ filter: view.filter, segment: chosen })));
  }

  // Drawn again when the figures or the language change.
  const charts: DashboardChart[] = useMemo(() => (view ? chartsOf(view, catalogue, t) : []), [view, i18n.language]);
  const field = (name: keyof Narrowing) => ({
    value: narrowing[name],
    onChange: (e: { target: { value: string } }) => setNarrowing({ ...narrowing, [name]: e.target.value }),
  });

  // The office's years: from the journal's first (the registry era began in 2020) to next year's plans.
  const years = Array.from({ length: new Date().getFullYear() + 2 - 2020 }, (_, i) => 2020 + i);
  return (
    <section className="dashboard">
      <h1>{t('dashboard.title')}</h1>
      <form className="filters" onSubmit={show} data-testid="dashboard-filters">
        <MonthPicker id="dashboard-from" label={t('dashboard.from')} value={narrowing.fromMonth} years={years} onChange={(fromMonth) => setNarrowing({ ...narrowing, fromMonth })} />
        <MonthPicker id="dashboard-to" label={t('dashboard.to')} value={narrowing.toMonth} years={years} onChange={(toMonth) => setNarrowing({ ...narrowing, toMonth })} />
        <label>
          {t('dashboard.service')}
          <select {...field('serviceCode')}>
            <option value="">{t('dashboard.all')}</option>
            {catalogue.services.map((s) => (
              <option key={s.code} value={s.code}>
                {localized(s.name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dashboard.procedure')}
          <select {...field('procedure')}>
            <option value="">{t('dashboard.all')}</option>
            {PROCEDURES.map((p) => (
              <option key={p} value={p}>
                {t(`procedure.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dashboard.executor')}
          <select {...field('executorId')}>
            <option value="">{t('dashboard.all')}</option>
            {executors.map((e) => (
              <option key={e.executorId} value={e.executorId}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={action.busy}>
          {t('dashboard.show')}
        </button>
      </form>
      <ErrorBox message={action.error} />
      {view === null ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          <p className="hint" data-testid="dashboard-at">
            {t('dashboard.at', { time: localTime(view.at) })}
          </p>
          {view.filter.executorId && <p className="hint">{t('dashboard.flow.notPerExecutor')}</p>}
          {segment && (
            <SegmentList what={segment.what} list={list} catalogue={catalogue} onOpen={onOpen} onClose={() => (setSegment(null), setList(null))} />
          )}
          <div className="dashboard-grid">
            {charts.map((chart) => (
              <article key={chart.id} className="dashboard-card" data-testid={`dashboard-${chart.id}`}>
                <h2>{chart.title}</h2>
                <Chart option={chart.option} label={t('dashboard.chart', { title: chart.title })} testId={`chart-${chart.id}`} onBarClick={(click) => {
                  const target = chart.segmentOfBar(click);
                  if (target) void open(target.segment, target.what);
                }} />
                {chart.note && <p className="hint">{chart.note}</p>}
                <table className="figures" data-testid={`figures-${chart.id}`}>
                  <thead>
                    <tr>
                      {chart.table.head.map((h, i) => (
                        <th key={i}>{h}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {chart.table.rows.map((row, r) => (
                      <tr key={r}>
                        {row.map((cell, c) =>
                          c === 0 ? (
                            <th key={c} scope="row">
                              {cell.text}
                            </th>
                          ) : (
                            <td key={c} data-figure={cell.key}>
                              {cell.segment && cell.text !== '0' ? (
                                <button type="button" className="link" aria-label={`${cell.what}: ${cell.text}`} onClick={() => void open(cell.segment!, cell.what!)}>
                                  {cell.text}
                                </button>
                              ) : (
                                cell.text
                              )}
                            </td>
                          ),
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </article>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
