import { useTranslation } from 'react-i18next';
import type { CurrentStep } from '../../../domain/api/contract';
import { localTime } from './local-format';

/** The step an application waits on, its due time, and how it stands — in colour and in words. */
export function StepBadge({ step }: { step: CurrentStep | null }) {
  const { t } = useTranslation();
  if (!step) return <span>{t('common.none')}</span>;
  return (
    <span className={`step urgency-${step.urgency}`} data-testid="step-badge" data-urgency={step.urgency}>
      {/* The step's name may wrap; its due time and standing stay whole. */}
      {t(`steps.step.${step.code}`)} · <span className="nowrap">{t('steps.dueAt', { time: localTime(step.dueAt) })}</span> · <strong className="nowrap">{t(`steps.urgency.${step.urgency}`)}</strong>
    </span>
  );
}

/** Years the deadlines run into that the calendar lacks or has only provisionally: said beside the deadlines. */
export function CalendarWarning({ gaps }: { gaps: { missingYears: number[]; provisionalYears: number[] } | null }) {
  const { t } = useTranslation();
  if (!gaps) return null;
  return (
    <>
      {gaps.missingYears.length > 0 && (
        <div className="error" role="alert" data-testid="calendar-missing">
          {t('steps.calendarMissing', { years: gaps.missingYears.join(', ') })}
        </div>
      )}
      {gaps.provisionalYears.length > 0 && (
        <div className="notice" role="status" data-testid="calendar-provisional">
          {t('steps.calendarProvisional', { years: gaps.provisionalYears.join(', ') })}
        </div>
      )}
    </>
  );
}
