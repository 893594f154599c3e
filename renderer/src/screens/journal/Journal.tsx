import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalView } from '../../../../domain/api/contract';
import type { Catalogue } from '../../../../domain/catalogue/catalogue';
import { api } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { useAction } from '../../components/use-action';
import { JournalExport } from './JournalExport';
import { JournalFilters } from './JournalFilters';
import { JournalTable } from './JournalTable';
import { journalViewInAddress, putJournalViewInAddress } from './journal-address';

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

interface Props {
  catalogue: Catalogue;
  onOpen: (id: string) => void;
  textSearch: boolean;
  exportable: boolean;
  /** Whose applications can be picked by executor (the head's list of users), or null. */
  canPickExecutor: boolean;
  /** The signed-in executor: "only mine" narrows to them. */
  executorSelf: string | null;
}

/**
 * The registration journal: filters and order kept in the window's address, the rows paged in from the
 * core as the list is scrolled (the core filters, orders and pages; a virtual list draws only what shows).
 */
export function Journal({ catalogue, onOpen, textSearch, exportable, canPickExecutor, executorSelf }: Props) {
  const { t } = useTranslation();
  const [view, setView] = useState<JournalView>(() => journalViewInAddress() ?? {});
  useEffect(() => putJournalViewInAddress(view), [view]);
  return (
    <section className="journal-screen">
      <h1>{t('journal.title')}</h1>
      <JournalFilters view={view} onChange={setView} catalogue={catalogue} canPickExecutor={canPickExecutor} executorSelf={executorSelf} />
      <JournalTable view={view} onSort={(sort) => setView({ ...view, sort })} catalogue={catalogue} onOpen={onOpen} />
      {textSearch && <DocumentTextSearch onOpen={onOpen} />}
      {exportable && <JournalExport />}
    </section>
  );
}
