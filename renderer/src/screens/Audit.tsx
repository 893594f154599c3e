import { DayInput } from '../components/DayInput';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { AUDIT_ACTIONS, AUDIT_PAGE_MAX, type AuditAction, type AuditChainView, type AuditEntryView, type User } from '../../../domain/api/contract';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { localTime } from '../components/local-format';
import { useAction } from '../components/use-action';

const PAGE = 100;

interface Filters {
  actorId: string;
  action: AuditAction | '';
  journalNumber: string;
  from: string;
  to: string;
}

/** Ids and machine text that say nothing to a reader (the entry's own chain keeps them). */
const NOT_SHOWN = new Set(['qr', 'decisionId', 'eventId', 'recordId']);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DIGEST = /^[0-9a-f]{64}$/;

/** One value in words: times in the UI's notation, yes/no, lists joined, digests shortened, nested facts labelled in turn. */
function valueText(t: TFunction, value: unknown): string {
  if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no');
  if (typeof value === 'string') {
    if (ISO_INSTANT.test(value)) return localTime(value);
    if (DIGEST.test(value)) return `${value.slice(0, 12)}…`;
    return t(`audit.values.${value}`, { defaultValue: value });
  }
  if (Array.isArray(value)) return value.map((v) => valueText(t, v)).join(', ');
  if (value && typeof value === 'object') return fieldsOf(t, value as Record<string, unknown>).map(([label, text]) => `${label}: ${text}`).join('; ');
  return String(value);
}

/** What the entry says, as labelled fields in the UI's language (never a password: none is ever recorded). */
function fieldsOf(t: TFunction, payload: Record<string, unknown>): [string, string][] {
  return Object.entries(payload)
    .filter(([key, value]) => !NOT_SHOWN.has(key) && value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0))
    .map(([key, value]) => [t(`audit.fields.${key}`, { defaultValue: key }), valueText(t, value).slice(0, 300)]);
}

function Details({ payload }: { payload: Record<string, unknown> }) {
  const { t } = useTranslation();
  const fields = fieldsOf(t, payload);
  if (fields.length === 0) return null;
  return (
    <dl className="audit-details">
      {fields.map(([label, text]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{text}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The audit trail for the head and the administrator: the chain's state, then who did what, filtered. */
export function Audit() {
  const { t } = useTranslation();
  const [chain, setChain] = useState<AuditChainView | null>(null);
  const [people, setPeople] = useState<User[]>([]);
  const [filters, setFilters] = useState<Filters>({ actorId: '', action: '', journalNumber: '', from: '', to: '' });
  const [entries, setEntries] = useState<AuditEntryView[] | null>(null);
  const [more, setMore] = useState(false);
  const action = useAction();

  const query = (before?: number) =>
    api['audit.list']({
      ...(filters.actorId ? { actorId: filters.actorId } : {}),
      ...(filters.action ? { action: filters.action } : {}),
      ...(filters.journalNumber.trim() ? { journalNumber: filters.journalNumber.trim() } : {}),
      ...(filters.from ? { from: filters.from } : {}),
      ...(filters.to ? { to: filters.to } : {}),
      ...(before ? { before } : {}),
      limit: Math.min(PAGE, AUDIT_PAGE_MAX),
    });

  async function search(event?: FormEvent) {
    event?.preventDefault();
    await action.run(async () => {
      const page = await query();
      setEntries(page.entries);
      setMore(page.entries.length === PAGE);
    });
  }

  useEffect(() => {
    void action.run(async () => {
      setPeople(await api['users.list']({}));
      setChain(await api['audit.chain']({}));
    });
    void search();
  }, []);

  const showMore = () =>
    action.run(async () => {
      const page = await query(entries?.at(-1)?.seq);
      setEntries([...(entries ?? []), ...page.entries]);
      setMore(page.entries.length === PAGE);
    });

  return (
    <section>
      <h1>{t('audit.title')}</h1>
      {chain &&
        (chain.ok ? (
          <div className="notice" role="status" data-testid="audit-chain">
            {t('audit.intact', { count: chain.entries, since: chain.since ? localTime(chain.since) : '—' })}
          </div>
        ) : (
          <div className="error" role="alert" data-testid="audit-chain">
            {chain.firstBroken
              ? t('audit.broken', { seq: chain.firstBroken.seq, at: chain.firstBroken.at ? localTime(chain.firstBroken.at) : '—', problem: t(`audit.problems.${chain.firstBroken.problem}`) })
              : ''}{' '}
            {chain.rowProblems > 0 && t('audit.rowsChanged', { count: chain.rowProblems })}
          </div>
        ))}
      <ErrorBox message={action.error} />
      <form className="card row" onSubmit={search} data-testid="audit-filters">
        <div className="field">
          <label htmlFor="audit-person">{t('audit.person')}</label>
          <select id="audit-person" value={filters.actorId} onChange={(e) => setFilters({ ...filters, actorId: e.target.value })}>
            <option value="">{t('audit.everyone')}</option>
            {people.map((u) => (
              <option key={u.id} value={u.id}>
                {u.fullName}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t('audit.action')}</label>
          <select id="audit-action" value={filters.action} onChange={(e) => setFilters({ ...filters, action: e.target.value as AuditAction | '' })}>
            <option value="">{t('audit.allActions')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`audit.actions.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-application">{t('audit.application')}</label>
          <input id="audit-application" value={filters.journalNumber} onChange={(e) => setFilters({ ...filters, journalNumber: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t('audit.from')}</label>
          <DayInput id="audit-from" value={filters.from} onChange={(from) => setFilters({ ...filters, from })} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t('audit.to')}</label>
          <DayInput id="audit-to" value={filters.to} onChange={(to) => setFilters({ ...filters, to })} />
        </div>
        <button type="submit" disabled={action.busy}>
          {t('audit.show')}
        </button>
      </form>
      {entries && entries.length === 0 && <p>{t('audit.empty')}</p>}
      {entries && entries.length > 0 && (
        <table className="journal" data-testid="audit-entries">
          <thead>
            <tr>
              <th>№</th>
              <th>{t('audit.when')}</th>
              <th>{t('audit.person')}</th>
              <th>{t('audit.action')}</th>
              <th>{t('audit.application')}</th>
              <th>{t('audit.workstation')}</th>
              <th>{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq} data-testid="audit-entry" data-type={e.type}>
                <td>{e.seq}</td>
                <td>{localTime(e.at)}</td>
                <td>{e.actorName ?? t('audit.nobody')}</td>
                <td>{t(`audit.types.${e.type}`, { defaultValue: e.type })}</td>
                <td>{e.journalNumber ?? ''}</td>
                <td>{t(`audit.workstations.${e.workstation}`)}</td>
                <td className="snippet">
                  <Details payload={e.payload} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more && (
        <button type="button" className="secondary" onClick={showMore}>
          {t('journal.more')}
        </button>
      )}
    </section>
  );
}
