import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationSummary } from '../../../../domain/api/contract';
import { api } from '../../api';
import { IconButton } from '../../components/IconButton';
import { localTime } from '../../components/local-format';

const CHECK_MS = 60_000;

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
        if (typeof Notification !== 'undefined' && Notification.permission === 'granted') new Notification(t('app.name'), { body: text, tag: key });
      }
      if (fresh.length > 0) setAlerts((old) => [...fresh, ...old].slice(0, 20));
    };
    void check();
    const timer = setInterval(() => void check(), CHECK_MS);
    return () => clearInterval(timer);
    // Looked at again whenever the user moves to another screen, as well as every minute.
  }, [enabled, lookAgain]);

  const dismiss = (key: string) => setAlerts((old) => old.filter((a) => a.key !== key));
  return { alerts, dismiss };
}

export function DeadlineAlerts({ alerts, dismiss, onOpen }: { alerts: Alert[]; dismiss: (key: string) => void; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  if (alerts.length === 0) return null;
  return (
    <aside className="alerts" aria-label={t('work.notifications')} aria-live="polite">
      {alerts.map((a) => (
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
