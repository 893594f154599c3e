import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationSummary } from '../../../domain/api/contract';
import type { Catalogue } from '../../../domain/catalogue/catalogue';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { useAction } from '../components/use-action';
import { localized } from '../i18n';

export function Journal({ catalogue, onOpen }: { catalogue: Catalogue; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<ApplicationSummary[] | null>(null);
  const [search, setSearch] = useState('');
  const { error, run } = useAction();

  useEffect(() => {
    const timer = setTimeout(() => {
      void run(async () => setRows(await api['applications.journal'](search.trim() ? { search: search.trim() } : {})));
    }, 200);
    return () => clearTimeout(timer);
  }, [search]);

  const serviceName = (code: string) => localized(catalogue.services.find((s) => s.code === code)?.name) || code;

  return (
    <section>
      <h1>{t('journal.title')}</h1>
      <div className="field">
        <label htmlFor="journal-search">{t('journal.search')}</label>
        <input id="journal-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <ErrorBox message={error} />
      {rows === null ? (
        <p>{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p>{t('journal.empty')}</p>
      ) : (
        <table className="journal">
          <thead>
            <tr>
              <th>{t('journal.number')}</th>
              <th>{t('journal.service')}</th>
              <th>{t('journal.applicant')}</th>
              <th>{t('journal.status')}</th>
              <th>{t('journal.due')}</th>
              <th>{t('journal.executor')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="journal-row">
                <td>{r.journalNumber ?? t('common.none')}</td>
                <td>
                  {serviceName(r.serviceCode)} · {t(`procedure.${r.procedure}`)}
                </td>
                <td>
                  {r.applicantName} ({r.applicantIdn})
                </td>
                <td className={`status status-${r.status}`}>{t(`status.${r.status}`)}</td>
                <td>{r.dueDate ?? t('common.none')}</td>
                <td>{r.executorName ?? t('common.none')}</td>
                <td>
                  <button type="button" onClick={() => onOpen(r.id)} aria-label={`${t('journal.open')} ${r.journalNumber ?? r.applicantName}`}>
                    {t('journal.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
