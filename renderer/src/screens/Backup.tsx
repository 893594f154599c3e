import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../domain/api/backup';
import { api } from '../api';
import { ActionOutcome, ErrorBox } from '../components/ErrorBox';
import { useAction } from '../components/use-action';
import { localTime } from '../components/local-format';

/**
 * The administrator's backups of this desk: one now (with its progress), or every day at an hour into a
 * folder such as a USB drive; the last one's outcome. The passphrase seals the backup: without it, the
 * backup cannot be restored — the screen says so where it is typed.
 */
export function Backup() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [folder, setFolder] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [hour, setHour] = useState(18);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  const polling = useRef<number | null>(null);

  useEffect(() => {
    void action.run(async () => {
      const current = await api['backup.status']({});
      setStatus(current);
      if (current.schedule) {
        setFolder(current.schedule.folder);
        setHour(current.schedule.hour);
      }
    });
    return () => {
      if (polling.current) window.clearInterval(polling.current);
    };
  }, []);

  async function runNow(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    // Progress while it runs: the status call answers beside the one taking the backup.
    polling.current = window.setInterval(() => void api['backup.status']({}).then(setStatus, () => undefined), 500);
    const next = await action.run(() => api['backup.run']({ folder, passphrase }));
    if (polling.current) window.clearInterval(polling.current);
    if (next) {
      setStatus(next);
      setNotice(next.last?.ok ? t('backup.done', { files: next.last.files, newFiles: next.last.newFiles }) : null);
    }
  }

  async function schedule(on: boolean) {
    setNotice(null);
    const next = await action.run(() => api['backup.setSchedule']({ schedule: on ? { folder, hour, passphrase } : null }));
    if (next) {
      setStatus(next);
      setNotice(on ? t('backup.scheduled', { hour: String(hour).padStart(2, '0') }) : t('backup.unscheduled'));
    }
  }

  if (!status) return <ErrorBox message={action.error} />;
  const last = status.last;
  return (
    <section>
      <h1>{t('backup.title')}</h1>
      <dl className="facts" data-testid="backup-state">
        <dt>{t('backup.last')}</dt>
        <dd data-testid="backup-last">
          {last ? `${localTime(last.at)} · ${last.folder} · ${last.ok ? t('backup.lastOk', { files: last.files, newFiles: last.newFiles }) : t(`backup.problem.${last.problem ?? 'unknown'}`, { defaultValue: t('backup.problem.unknown') })}` : t('common.none')}
        </dd>
        <dt>{t('backup.schedule')}</dt>
        <dd data-testid="backup-schedule">{status.schedule ? t('backup.daily', { hour: String(status.schedule.hour).padStart(2, '0'), folder: status.schedule.folder }) : t('common.none')}</dd>
      </dl>
      <form onSubmit={runNow} className="card narrow">
        <div className="field">
          <label htmlFor="backup-folder">{t('backup.folder')}</label>
          <input id="backup-folder" value={folder} onChange={(e) => setFolder(e.target.value)} required placeholder={t('backup.folderHint')} />
        </div>
        <div className="field">
          <label htmlFor="backup-passphrase">{t('backup.passphrase')}</label>
          <input id="backup-passphrase" type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required minLength={10} autoComplete="new-password" aria-describedby="backup-passphrase-hint" />
          <small id="backup-passphrase-hint">{t('backup.passphraseHint')}</small>
        </div>
        {status.running && (
          <p role="status" data-testid="backup-progress">
            {t(`backup.phase.${status.running.phase}`)}: {status.running.done} / {status.running.total}
            <progress value={status.running.done} max={Math.max(status.running.total, 1)} />
          </p>
        )}
        <button type="submit" disabled={action.busy}>
          {action.busy ? t('backup.running') : t('backup.now')}
        </button>
        <div className="field">
          <label htmlFor="backup-hour">{t('backup.hour')}</label>
          <select id="backup-hour" value={hour} onChange={(e) => setHour(Number(e.target.value))}>
            {Array.from({ length: 24 }, (_, h) => (
              <option key={h} value={h}>
                {String(h).padStart(2, '0')}:00
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="secondary" disabled={action.busy || !folder || passphrase.length < 10} onClick={() => void schedule(true)}>
          {t('backup.setDaily')}
        </button>
        {status.schedule && (
          <button type="button" className="secondary" disabled={action.busy} onClick={() => void schedule(false)}>
            {t('backup.stopDaily')}
          </button>
        )}
      </form>
      <ActionOutcome notice={notice} error={action.error} />
    </section>
  );
}
