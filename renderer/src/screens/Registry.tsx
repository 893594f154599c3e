import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatusView } from '../../../domain/api/sync';
import { api } from '../api';
import { ActionOutcome, ErrorBox } from '../components/ErrorBox';
import { useAction } from '../components/use-action';
import { localTime } from '../components/local-format';

/** The administrator's view of the desk's link with the central registry: enrolment, state, errors, "sync now". */
export function Registry() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  const [registryUrl, setRegistryUrl] = useState('https://');
  const [code, setCode] = useState('');
  const [deskName, setDeskName] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();

  useEffect(() => {
    void action.run(async () => {
      const current = await api['sync.status']({});
      setStatus(current);
      if (current.registryUrl) setRegistryUrl(current.registryUrl);
    });
  }, []);

  async function enrol(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    const next = await action.run(() => api['sync.enrol']({ registryUrl, code, deskName }));
    if (next) {
      setStatus(next);
      setNotice(t('sync.enrolled'));
    }
  }

  async function syncNow() {
    setNotice(null);
    const next = await action.run(() => api['sync.now']({}));
    if (next) {
      setStatus(next);
      setNotice(next.online ? t('sync.done') : t('sync.notReached'));
    }
  }

  if (!status) return <ErrorBox message={action.error} />;
  return (
    <section>
      <h1>{t('sync.title')}</h1>
      {status.diverged && (
        <p className="error" role="alert" data-testid="desk-diverged">
          {t('sync.diverged', { at: localTime(status.diverged.at) })}
        </p>
      )}
      {status.enrolled && !status.diverged ? (
        <>
          <dl className="facts" data-testid="registry-state">
            <dt>{t('sync.address')}</dt>
            <dd>{status.registryUrl}</dd>
            <dt>{t('sync.connection')}</dt>
            <dd>{t(`sync.${status.online === false ? 'offline' : status.online ? 'online' : 'unknown'}`)}</dd>
            <dt>{t('sync.queue')}</dt>
            <dd>
              {t('sync.waiting', { count: status.waiting })} · {t('sync.acceptedCount', { count: status.accepted })} · {t('sync.rejectedCount', { count: status.rejected })}
            </dd>
            <dt>{t('sync.lastSyncLabel')}</dt>
            <dd>{status.lastSyncAt ? localTime(status.lastSyncAt) : t('common.none')}</dd>
            <dt>{t('sync.numbersLeft')}</dt>
            <dd>{status.licenceNumbersLeft}</dd>
            <dt>{t('sync.catalogueVersion')}</dt>
            <dd data-testid="catalogue-version">{status.reference.catalogueVersion}</dd>
            <dt>{t('sync.calendarYears')}</dt>
            <dd data-testid="calendar-years">{status.reference.calendarYears.join(', ')}</dd>
            {status.recentErrors.length > 0 && (
              <>
                <dt>{t('sync.recentErrors')}</dt>
                <dd>
                  <ul className="plain" data-testid="recent-errors">
                    {status.recentErrors.map((e) => (
                      <li key={e.at}>
                        {localTime(e.at)}: {e.message}
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
          <button type="button" onClick={syncNow} disabled={action.busy}>
            {action.busy ? t('sync.syncing') : t('sync.now')}
          </button>
        </>
      ) : (
        <form onSubmit={enrol} className="card narrow">
          <p>{status.diverged ? t('sync.enrolAgainHint') : t('sync.enrolHint')}</p>
          <div className="field">
            <label htmlFor="registry-url">{t('sync.address')}</label>
            <input id="registry-url" value={registryUrl} onChange={(e) => setRegistryUrl(e.target.value)} required type="url" />
          </div>
          <div className="field">
            <label htmlFor="registry-code">{t('sync.code')}</label>
            <input id="registry-code" value={code} onChange={(e) => setCode(e.target.value)} required placeholder="XXXXX-XXXXX-XXXXX-XXXXX" autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor="desk-name">{t('sync.deskName')}</label>
            <input id="desk-name" value={deskName} onChange={(e) => setDeskName(e.target.value)} required maxLength={100} />
          </div>
          <button type="submit" disabled={action.busy}>
            {action.busy ? t('common.working') : t('sync.enrol')}
          </button>
        </form>
      )}
      <ActionOutcome notice={notice} error={action.error} />
    </section>
  );
}
