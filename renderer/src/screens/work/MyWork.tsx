import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationSummary } from '../../../../domain/api/contract';
import type { Catalogue } from '../../../../domain/catalogue/catalogue';
import { api } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { StepBadge } from '../../components/StepBadge';
import { useAction } from '../../components/use-action';
import { ApplicationCells, OpenButton } from '../../components/ApplicationCells';

const REFRESH_MS = 60_000;

/** What waits on this user's hand, the most urgent first (the core sorts by the step's due time). */
export function MyWork({ catalogue, onOpen }: { catalogue: Catalogue; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<ApplicationSummary[] | null>(null);
  const { error, run } = useAction();
  useEffect(() => {
    const load = () => void run(async () => setRows(await api['applications.myWork']({})));
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return (
    <section>
      <h1>{t('work.title')}</h1>
      <p>{t('work.intro')}</p>
      <ErrorBox message={error} />
      {rows === null ? (
        <p>{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p>{t('work.empty')}</p>
      ) : (
        <table className="journal">
          <thead>
            <tr>
              <th>{t('steps.current')}</th>
              <th>{t('journal.number')}</th>
              <th>{t('journal.service')}</th>
              <th>{t('journal.applicant')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="work-row" className={`urgency-row-${r.step?.urgency ?? 'none'}`}>
                <td>
                  <StepBadge step={r.step} />
                </td>
                <ApplicationCells row={r} catalogue={catalogue} />
                <OpenButton row={r} onOpen={onOpen} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
