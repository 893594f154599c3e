import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatusView } from '../../../domain/api/sync';
import { api } from '../api';
import { localTime } from './local-format';

const POLL_MS = 10_000;

/** Always in the top bar: whether the registry was reached, what waits to be sent, when it last synced. */
export function SyncIndicator() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  useEffect(() => {
    const load = () => void api['sync.status']({}).then(setStatus, () => undefined);
    load();
    const timer = setInterval(load, POLL_MS);
    return () => clearInterval(timer);
  }, []);
  if (!status) return null;
  if (!status.enrolled) {
    return (
      <span className="sync sync-off" data-testid="sync-indicator" title={t('sync.notEnrolledHint')}>
        {t('sync.notEnrolled')} · {t('sync.waiting', { count: status.waiting })}
      </span>
    );
  }
  const state = status.online === false ? 'offline' : status.online ? 'online' : 'unknown';
  return (
    <span className={`sync sync-${state}`} data-testid="sync-indicator" role="status" aria-live="polite" title={status.lastError ? `${t('sync.lastError')}: ${status.lastError.message}` : ''}>
      {t(`sync.${state}`)} · {t('sync.waiting', { count: status.waiting })}
      {status.progress && ` · ${t(`sync.progress.${status.progress.phase}`, { done: status.progress.done, total: status.progress.total })}`}
      {status.lastSyncAt && ` · ${t('sync.lastSync', { at: localTime(status.lastSyncAt) })}`}
      {status.licenceNumbersLow && ` · ${t('sync.numbersLow', { count: status.licenceNumbersLeft })}`}
    </span>
  );
}
