import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationSummary } from '../../../../domain/api/contract';
import { api } from '../../api';
import { IconButton } from '../../components/IconButton';
import { localTime } from '../../components/local-format';

const CHECK_MS = 60_000;
/** Alerts shown (and desktop notifications raised) at once: beyond them, one line says how many more. */
const SHOWN_AT_ONCE = 3;

interface Alert {
  key: string;
  applicationId: string;
  text: string;
  urgency: 'at-risk' | 'overdue';
}

/**
 * Watches the user's own work: when a step of theirs turns at-risk or overdue, says so once — as a
 * desktop notification where the shell allows it, and always in the app, beside the screen they are on.
 */
export function useDeadlineAlerts(enabled: boolean, lookAgain: unknown) {
  const { t } = useTranslation();
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const told = useRef(new Set<string>());

  useEffect(() => {
    if (!enabled) return;
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);
    const check = async () => {
      let work: ApplicationSummary[];
      try {
        work = await api['applications.myWork']({});
      } catch {
        return;
      }
      const fresh: Alert[] = [];
      for (const app of work) {
        const step = app.step;
        if (!step || step.urgency === 'on-time') continue;
        const key = `${app.id}:${step.code}:${step.startedAt}:${step.urgency}`;
        if (told.current.has(key)) continue;
        told.current.add(key);
        const params = { number: app.journalNumber ?? app.applicantName, step: t(`steps.step.${step.code}`), time: localTime(step.dueAt) };
        const text = step.urgency === 'overdue' ? t('work.overdue', params) : t('work.atRisk', params);
        fresh.push({ key, applicationId: app.id, text, urgency: step.urgency });
        if (fresh.length <= SHOWN_AT_ONCE && typeof Notification !== 'undefined' && Notification.permission === 'granted') new Notification(t('app.name'), { body: text, tag: key });
      }
      if (fresh.length > 0) setAlerts((old) => [...fresh, ...old]);
    };
    void check();
    const timer = setInterval(() => void check(), CHECK_MS);
    return () => clearInterval(timer);
    // Looked at again whenever the user moves to another screen, as well as every minute.
  }, [enabled, lookAgain]);

  const dismiss = (key: string) => setAlerts((old) => old.filter((a) => a.key !== key));
  const dismissAll = () => setAlerts([]);
  return { alerts, dismiss, dismissAll };
}

export function DeadlineAlerts({
  alerts,
  dismiss,
  dismissAll,
  onOpen,
  onOpenWork,
}: {
  alerts: Alert[];
  dismiss: (key: string) => void;
  dismissAll: () => void;
  onOpen: (id: string) => void;
  /** "My work" lists them all, the most urgent first. */
  onOpenWork: () => void;
}) {
  const { t } = useTranslation();
  if (alerts.length === 0) return null;
  // A few at once: a morning's backlog must not cover the screen.
  const more = alerts.length - SHOWN_AT_ONCE;
  return (
    <aside className="alerts" aria-label={t('work.notifications')} aria-live="polite">
      {more > 0 && (
        <div className="alert urgency-overdue" data-testid="deadline-alerts-more">
          <button type="button" className="link" onClick={onOpenWork}>
            {t('work.moreAlerts', { count: more })}
          </button>
          <button type="button" className="secondary small" onClick={dismissAll}>
            {t('work.dismissAll')}
          </button>
        </div>
      )}
      {alerts.slice(0, SHOWN_AT_ONCE).map((a) => (
        <div key={a.key} className={`alert urgency-${a.urgency}`} data-testid="deadline-alert" data-urgency={a.urgency}>
          <button type="button" className="link" onClick={() => onOpen(a.applicationId)}>
            {a.text}
          </button>
          <IconButton className="secondary" onClick={() => dismiss(a.key)} label={t('work.dismiss')}>
            ×
          </IconButton>
        </div>
      ))}
    </aside>
  );
}
