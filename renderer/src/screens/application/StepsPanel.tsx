import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../../domain/api/contract';
import { CalendarWarning, StepBadge } from '../../components/StepBadge';
import { localTime } from '../../components/local-format';
import type { Update } from './update';
import { localDay } from '../../components/local-format';
import { api } from '../../api';

/** Where the application stands against its deadlines: the current step, its holder and due time, and the steps behind it. */
export function StepsPanel({ app, canConfirmComplete, update }: { app: ApplicationDetail; canConfirmComplete: boolean; update: Update }) {
  const { t } = useTranslation();
  const step = app.step;
  return (
    <div className="card steps" data-testid="steps-panel">
      <h2>{t('steps.title')}</h2>
      <CalendarWarning gaps={app.calendarWarning} />
      {step ? (
        <dl className="facts">
          <dt>{t('steps.current')}</dt>
          <dd>
            <StepBadge step={step} />
          </dd>
          <dt>{t('steps.holder')}</dt>
          <dd data-testid="step-holder">{step.holderName ?? t(`roles.${step.holderRole}`)}</dd>
          {app.dueDate && (
            <>
              <dt>{t('steps.legalDue')}</dt>
              <dd>{localDay(app.dueDate)}</dd>
            </>
          )}
        </dl>
      ) : (
        app.steps.length > 0 && <p>{t('steps.closed')}</p>
      )}
      {step?.code === 'completeness' && canConfirmComplete && (
        <p className="row">
          <button type="button" onClick={() => update(() => api['applications.confirmComplete']({ id: app.id }), () => t('steps.completeConfirmed'))}>
            {t('steps.confirmComplete')}
          </button>
          <small>{t('steps.confirmCompleteHint')}</small>
        </p>
      )}
      {app.steps.length > 0 && (
        <table className="step-history">
          <thead>
            <tr>
              <th>{t('steps.name')}</th>
              <th>{t('steps.started')}</th>
              <th>{t('steps.due')}</th>
              <th>{t('steps.ended')}</th>
            </tr>
          </thead>
          <tbody>
            {app.steps.map((s) => (
              <tr key={`${s.code}-${s.startedAt}`} className={s.overran ? 'overran' : undefined} data-testid="step-row">
                <td>{t(`steps.step.${s.code}`)}</td>
                <td>{localTime(s.startedAt)}</td>
                <td>{localTime(s.dueAt)}</td>
                <td>
                  {s.endedAt ? localTime(s.endedAt) : t('steps.open')}
                  {s.overran && <strong className="urgency-overdue"> · {t('steps.overran')}</strong>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
