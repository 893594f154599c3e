import { useTranslation } from 'react-i18next';
import type { ApplicationDetail, IdentityCheckInfo } from '../../../../domain/api/contract';
import { api } from '../../api';
import { localTime } from '../../components/local-format';
import type { Update } from './update';

/**
 * Data entered by hand while the gateway was down, and its check against the state databases: where
 * it stands, what differs, and — for the clerk — the databases' data to take. Shown only when there is
 * such data; no decision can be signed until every check is settled (the core refuses it).
 */
export function IdentityPanel({ app, canCheck, canResolve, update }: { app: ApplicationDetail; canCheck: boolean; canResolve: boolean; update: Update }) {
  const { t } = useTranslation();
  if (app.identityChecks.length === 0) return null;
  const open = app.identityChecks.some((c) => c.state === 'pending' || c.state === 'differs');
  const pending = app.identityChecks.some((c) => c.state === 'pending');
  const rejected = app.identityChecks.some((c) => c.state === 'rejected');
  return (
    <section className="card identity-checks" data-testid="identity-checks" aria-live="polite">
      <h2>{t('identity.title')}</h2>
      {app.identityChecks.map((c) => (
        <IdentityCheck key={c.subject} check={c} canResolve={canResolve} onResolve={() => update(() => api['applications.resolveIdentity']({ id: app.id, subject: c.subject }), () => t('identity.resolvedNotice'))} />
      ))}
      {open && <p className="warning">{t('identity.blocked')}</p>}
      {rejected && <p className="warning">{t('identity.rejectedHint')}</p>}
      {pending && canCheck && (
        <button type="button" onClick={() => update(() => api['applications.checkIdentity']({ id: app.id }))}>
          {t('identity.checkNow')}
        </button>
      )}
    </section>
  );
}

function IdentityCheck({ check, canResolve, onResolve }: { check: IdentityCheckInfo; canResolve: boolean; onResolve: () => void }) {
  const { t } = useTranslation();
  const because = check.rejectedBecause ? t(`identity.rejected.${check.rejectedBecause}`) : t(`identity.because.${check.enteredBecause}`);
  const settled = check.state === 'confirmed' || check.state === 'resolved';
  return (
    <div data-testid={`identity-${check.subject}`}>
      <p>
        <strong>{t(`identity.subject.${check.subject}`)}:</strong>{' '}
        <span className={settled ? 'good' : 'bad'}>{t(`identity.state.${check.state}`, { because, who: check.resolvedBy ?? '' })}</span>
        {check.checkedAt && <small> · {localTime(check.checkedAt)}</small>}
      </p>
      {check.differences.length > 0 && (
        <table className="differences">
          <thead>
            <tr>
              <th scope="col">{t('identity.field')}</th>
              <th scope="col">{t('identity.entered')}</th>
              <th scope="col">{t('identity.found')}</th>
            </tr>
          </thead>
          <tbody>
            {check.differences.map((d) => (
              <tr key={d.field}>
                <th scope="row">{t(`identity.fields.${d.field}`, { defaultValue: d.field })}</th>
                <td>{d.entered ?? '—'}</td>
                <td>{d.found ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {check.state === 'differs' && canResolve && (
        <button type="button" onClick={onResolve}>
          {t('identity.resolve')}
        </button>
      )}
    </div>
  );
}
