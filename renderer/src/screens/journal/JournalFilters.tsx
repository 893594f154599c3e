import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JOURNAL_SORTS, type JournalView, type User } from '../../../../domain/api/contract';
import { STATUSES } from '../../../../domain/applications/status';
import type { Catalogue } from '../../../../domain/catalogue/catalogue';
import { api } from '../../api';
import { localized } from '../../i18n';
import { DayInput } from '../../components/DayInput';

const PROCEDURES = ['issue', 'reissue', 'duplicate'] as const;

interface Props {
  view: JournalView;
  onChange: (view: JournalView) => void;
  catalogue: Catalogue;
  canPickExecutor: boolean;
  executorSelf: string | null;
}

/** The journal's filters: each change is a new view (and a new address); the search waits for typing to pause. */
export function JournalFilters({ view, onChange, catalogue, canPickExecutor, executorSelf }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(view.search ?? '');
  const [executors, setExecutors] = useState<User[]>([]);
  useEffect(() => {
    if (canPickExecutor) void api['users.list']({}).then((users) => setExecutors(users.filter((u) => u.roles.includes('executor') && u.desk === null)), () => undefined);
  }, [canPickExecutor]);
  useEffect(() => {
    if (search.trim() === (view.search ?? '')) return;
    const timer = setTimeout(() => onChange(withField(view, 'search', search.trim() || undefined)), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const set = <K extends keyof JournalView>(key: K, value: JournalView[K] | '' | undefined) => onChange(withField(view, key, value === '' ? undefined : value));

  return (
    <form className="journal-filters" role="search" aria-label={t('journal.filters')} onSubmit={(e) => e.preventDefault()}>
      <div className="field wide">
        <label htmlFor="journal-search">{t('journal.search')}</label>
        <input id="journal-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="journal-status">{t('journal.status')}</label>
        <select id="journal-status" value={view.status ?? ''} onChange={(e) => set('status', e.target.value as JournalView['status'])}>
          <option value="">{t('journal.any')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {/* Every service's applications: "issued" is a licence or a conclusion. */}
              {s === 'issued' ? t('journal.statusIssued') : t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="journal-service">{t('journal.service')}</label>
        <select id="journal-service" value={view.serviceCode ?? ''} onChange={(e) => set('serviceCode', e.target.value)}>
          <option value="">{t('journal.any')}</option>
          {catalogue.services.map((s) => (
            <option key={s.code} value={s.code}>
              {localized(s.name)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="journal-procedure">{t('journal.procedure')}</label>
        <select id="journal-procedure" value={view.procedure ?? ''} onChange={(e) => set('procedure', e.target.value as JournalView['procedure'])}>
          <option value="">{t('journal.any')}</option>
          {PROCEDURES.map((p) => (
            <option key={p} value={p}>
              {t(`procedure.${p}`)}
            </option>
          ))}
        </select>
      </div>
      {canPickExecutor && (
        <div className="field">
          <label htmlFor="journal-executor">{t('journal.executor')}</label>
          <select id="journal-executor" value={view.executorId ?? ''} onChange={(e) => set('executorId', e.target.value)}>
            <option value="">{t('journal.any')}</option>
            {executors.map((u) => (
              <option key={u.id} value={u.id}>
                {u.fullName}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="journal-from">{t('journal.from')}</label>
        <DayInput id="journal-from" value={view.from ?? ''} onChange={(day) => set('from', day)} />
      </div>
      <div className="field">
        <label htmlFor="journal-to">{t('journal.to')}</label>
        <DayInput id="journal-to" value={view.to ?? ''} onChange={(day) => set('to', day)} />
      </div>
      <div className="field">
        <label htmlFor="journal-sort">{t('journal.sort')}</label>
        <select id="journal-sort" value={view.sort ?? 'newest'} onChange={(e) => set('sort', e.target.value as JournalView['sort'])}>
          {JOURNAL_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`journal.sorts.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="checks">
        <label className="inline">
          <input type="checkbox" checked={view.overdue ?? false} onChange={(e) => set('overdue', e.target.checked || undefined)} />
          {t('journal.overdue')}
        </label>
        {executorSelf && (
          <label className="inline">
            <input type="checkbox" checked={view.executorId === executorSelf} onChange={(e) => set('executorId', e.target.checked ? executorSelf : undefined)} />
            {t('journal.mine')}
          </label>
        )}
        <button
          type="button"
          className="secondary small"
          onClick={() => {
            setSearch('');
            onChange({});
          }}
        >
          {t('journal.reset')}
        </button>
      </div>
    </form>
  );
}

/** The view with one field set, or taken out when empty (so the address holds only what narrows). */
function withField<K extends keyof JournalView>(view: JournalView, key: K, value: JournalView[K] | undefined): JournalView {
  const next = { ...view };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}
