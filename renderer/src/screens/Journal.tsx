import { resultOf, statusText } from '../components/result-words';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationSummary } from '../../../domain/api/contract';
import type { Catalogue } from '../../../domain/catalogue/catalogue';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { useAction } from '../components/use-action';
import { StepBadge } from '../components/StepBadge';
import { ApplicationCells, OpenButton } from '../components/ApplicationCells';
import { localDay } from '../components/local-format';
import { JournalExport } from './JournalExport';

type TextHit = Awaited<ReturnType<(typeof api)['documents.search']>>['hits'][number];

/** Search in the recognised text of all documents (OCR'd scans and attached files). */
function DocumentTextSearch({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<TextHit[] | null>(null);
  const { error, run } = useAction();
  useEffect(() => {
    if (query.trim().length < 2) {
      setHits(null);
      return;
    }
    const timer = setTimeout(() => void run(async () => setHits((await api['documents.search']({ query: query.trim() })).hits)), 250);
    return () => clearTimeout(timer);
  }, [query]);
  return (
    <div className="card">
      <div className="field">
        <label htmlFor="text-search">{t('search.label')}</label>
        <input id="text-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <ErrorBox message={error} />
      {hits?.length === 0 && <p>{t('search.empty')}</p>}
      {hits && hits.length > 0 && (
        <ul className="hits">
          {hits.map((h) => (
            <li key={h.documentId} data-testid="text-hit">
              <strong>{h.journalNumber ?? t('common.none')}</strong> · {h.applicantName} · {h.fileName}
              <div className="snippet">{h.snippet}</div>
              <button type="button" className="link" onClick={() => onOpen(h.applicationId)}>
                {t('search.open')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Rows fetched at a time: a screenful or two; more on request. */
const JOURNAL_PAGE = 100;

export function Journal({ catalogue, onOpen, textSearch, exportable }: { catalogue: Catalogue; onOpen: (id: string) => void; textSearch: boolean; exportable: boolean }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<ApplicationSummary[] | null>(null);
  const [more, setMore] = useState(false);
  const [search, setSearch] = useState('');
  const { error, run } = useAction();

  /** One page of the journal, newest first; `after` continues from the last row shown. */
  const page = (after?: string) => api['applications.journal']({ ...(search.trim() ? { search: search.trim() } : {}), limit: JOURNAL_PAGE, ...(after ? { after } : {}) });
  useEffect(() => {
    const timer = setTimeout(() => {
      void run(async () => {
        const first = await page();
        setRows(first);
        setMore(first.length === JOURNAL_PAGE);
      });
    }, 200);
    return () => clearTimeout(timer);
  }, [search]);
  const showMore = () =>
    run(async () => {
      const next = await page(rows?.at(-1)?.id);
      setRows([...(rows ?? []), ...next]);
      setMore(next.length === JOURNAL_PAGE);
    });

  return (
    <section>
      <h1>{t('journal.title')}</h1>
      <div className="field">
        <label htmlFor="journal-search">{t('journal.search')}</label>
        <input id="journal-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <ErrorBox message={error} />
      {textSearch && <DocumentTextSearch onOpen={onOpen} />}
      {exportable && <JournalExport />}
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
              <th>{t('steps.current')}</th>
              <th>{t('journal.due')}</th>
              <th>{t('journal.executor')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="journal-row">
                <ApplicationCells row={r} catalogue={catalogue} />
                <td className={`status status-${r.status}`}>{statusText(t, r.status, resultOf(catalogue, r.serviceCode))}</td>
                <td>
                  <StepBadge step={r.step} />
                </td>
                <td className="nowrap">{r.dueDate ? localDay(r.dueDate) : t('common.none')}</td>
                <td>{r.executorName ?? t('common.none')}</td>
                <OpenButton row={r} onOpen={onOpen} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows && rows.length > 0 && (
        <p className="row">
          <small>{t('journal.shown', { count: rows.length })}</small>
          {more && (
            <button type="button" className="secondary" onClick={showMore}>
              {t('journal.more')}
            </button>
          )}
        </p>
      )}
    </section>
  );
}
