import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../i18n';
import { TimeInput } from '../components/TimeInput';
import type { CalendarGaps } from '../../../domain/api/admin';
import { CalendarYear } from '../../../domain/calendar/working-days';
import type { OfficeHours } from '../../../domain/calendar/working-time';
import { api } from '../api';
import { ErrorBox, Notice } from '../components/ErrorBox';
import { CalendarWarning } from '../components/StepBadge';
import { useAction } from '../components/use-action';

interface CalendarState {
  years: CalendarYear[];
  officeHours: OfficeHours;
  gaps: CalendarGaps;
}

/** The administrator's working calendar (a year per decree, imported as JSON) and the office's hours. */
export function Calendar() {
  const { t } = useTranslation();
  const [state, setState] = useState<CalendarState | null>(null);
  const [hours, setHours] = useState<OfficeHours | null>(null);
  const [shown, setShown] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();

  const load = async () => {
    const next = await api['calendar.get']({});
    setState(next);
    setHours(next.officeHours);
  };
  useEffect(() => {
    void action.run(load);
  }, []);

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setNotice(null);
    await action.run(async () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file.text());
      } catch (error) {
        throw new Error(t('calendar.badFile', { reason: error instanceof Error ? error.message : String(error) }));
      }
      // Checked here to say what is wrong beside the button; the core checks it again.
      const year = CalendarYear.safeParse(parsed);
      if (!year.success) throw new Error(t('calendar.badFile', { reason: year.error.issues.map((i) => `${i.path.join('.') || 'year'}: ${i.message}`).join('; ') }));
      const { recounted } = await api['calendar.importYear']({ year: year.data });
      await load();
      setNotice(t('calendar.imported', { year: year.data.year, count: recounted }));
    });
  }

  async function saveHours(event: FormEvent) {
    event.preventDefault();
    if (!hours) return;
    setNotice(null);
    if (await action.run(() => api['calendar.setOfficeHours']({ hours }))) {
      await action.run(load);
      setNotice(t('calendar.hoursSaved'));
    }
  }

  if (!state || !hours) return <ErrorBox message={action.error} />;
  const weekend = (d: string) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
  return (
    <section>
      <h1>{t('calendar.title')}</h1>
      <CalendarWarning gaps={state.gaps} />
      <Notice message={notice} />
      <ErrorBox message={action.error} />
      <div className="card">
        <h2>{t('calendar.years')}</h2>
        <table className="journal" data-testid="calendar-years">
          <thead>
            <tr>
              <th>{t('calendar.year')}</th>
              <th>{t('calendar.daysOff')}</th>
              <th>{t('calendar.workingWeekends')}</th>
              <th>{t('calendar.source')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {state.years.map((y) => (
              <tr key={y.year} data-testid="calendar-year">
                <td>{y.year}</td>
                <td>{y.daysOff.filter((d) => !weekend(d)).length}</td>
                <td>{y.workingWeekends.length}</td>
                <td>
                  <strong>{y.provisional ? t('calendar.provisional') : t('calendar.decreed')}</strong>
                  {y.source && <div className="snippet">{typeof y.source === 'string' ? y.source : localized(y.source)}</div>}
                  {shown === y.year && (
                    <p data-testid="calendar-days">
                      {[...y.daysOff.filter((d) => !weekend(d)), ...y.workingWeekends].sort().join(', ')}
                    </p>
                  )}
                </td>
                <td>
                  <button type="button" className="secondary" onClick={() => setShown(shown === y.year ? null : y.year)}>
                    {t('calendar.show')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="field">
          <label htmlFor="calendar-file">{t('calendar.importYear')}</label>
          <input id="calendar-file" type="file" accept="application/json,.json" onChange={importFile} disabled={action.busy} />
        </div>
      </div>
      <form className="card" onSubmit={saveHours}>
        <h2>{t('calendar.hours')}</h2>
        <div className="row">
          {(['opens', 'lunchFrom', 'lunchTo', 'closes'] as const).map((field) => (
            <div className="field" key={field}>
              <label htmlFor={`hours-${field}`}>{t(`calendar.${field}`)}</label>
              <TimeInput id={`hours-${field}`} value={hours[field]} onChange={(time) => setHours({ ...hours, [field]: time })} />
            </div>
          ))}
        </div>
        <button type="submit" disabled={action.busy}>
          {t('common.save')}
        </button>
      </form>
    </section>
  );
}
