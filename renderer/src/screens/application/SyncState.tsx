import { useTranslation } from 'react-i18next';
import type { ApplicationSync } from '../../../../domain/api/sync';
import { localTime } from '../../components/local-format';

/** The application as the registry knows it; a refusal with its reason, where the user looks at the application. */
export function SyncState({ sync }: { sync: ApplicationSync }) {
  const { t } = useTranslation();
  return (
    <div className={`sync-state sync-state-${sync.state}`} data-testid="application-sync">
      <strong>{t(`sync.state.${sync.state}`, { count: sync.waiting })}</strong>
      {sync.registryNumber && (
        <span>
          {' '}
          · {t('sync.registryNumber')}: <span data-testid="registry-number">{sync.registryNumber}</span>
        </span>
      )}
      {sync.registryStatus?.startsWith('licence-') && sync.registryStatus !== 'licence-active' && (
        <p role="alert" className="error" data-testid="registry-licence-status">
          {t(`sync.licenceStatus.${sync.registryStatus}`, { defaultValue: sync.registryStatus })}
        </p>
      )}
      {sync.rejections.map((r, i) => (
        <p key={i} role="alert" className="error" data-testid="sync-rejection">
          {t('sync.rejected', { what: t(`sync.command.${r.type}`, { defaultValue: r.type }), reason: t(`sync.rejection.${r.reason}`, { defaultValue: r.reason }) })}
          {r.at && ` (${localTime(r.at)})`}
        </p>
      ))}
    </div>
  );
}
