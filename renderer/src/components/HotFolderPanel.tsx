import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HotFolderStatus } from '../../../domain/api/contract';
import { api } from '../api';
import { ErrorBox, Notice } from './ErrorBox';
import { useAction } from './use-action';

/** How often the panel asks what the copier has left: files arrive without the clerk doing anything. */
const REFRESH_MS = 3000;

/**
 * The clerk's scan-to-folder: the folder the office copier saves into, whether it can be reached, and
 * what became of the last files. Pages taken from it appear in the tray by themselves (`onTaken`).
 */
export function HotFolderPanel({ onTaken }: { onTaken: () => void }) {
  const { t } = useTranslation();
  const { error, run, busy } = useAction();
  const [status, setStatus] = useState<HotFolderStatus | null>(null);
  const [path, setPath] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  // What the panel has already shown; null until the first answer, so old files are not announced.
  const known = useRef<Set<string> | null>(null);

  const show = (next: HotFolderStatus) => {
    const keyOf = (f: HotFolderStatus['recent'][number]) => `${f.seenAt} ${f.fileName}`;
    if (known.current) {
      const pages = next.recent.filter((f) => f.outcome === 'taken' && !known.current!.has(keyOf(f))).reduce((sum, f) => sum + f.pages, 0);
      if (pages > 0) {
        setNotice(t('scan.hotFolderArrived', { count: pages }));
        onTaken();
      }
    }
    known.current = new Set(next.recent.map(keyOf));
    setStatus(next);
  };

  useEffect(() => {
    let live = true;
    const refresh = () => void api['scanner.hotFolder']({}).then((s) => live && show(s), () => undefined);
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  const choose = (next: string | null) =>
    run(async () => {
      setNotice(null);
      const chosen = await api['scanner.setHotFolder']({ path: next });
      show(chosen);
      setPath('');
      if (next !== null && chosen.leftAlone > 0) setNotice(t('scan.hotFolderLeftAlone', { count: chosen.leftAlone }));
    });
  const problem = status?.state === 'missing' || status?.state === 'not-a-folder' || status?.state === 'not-allowed';

  return (
    <details className="hot-folder" open={status?.path ? true : undefined}>
      <summary>{t('scan.hotFolder')}</summary>
      <p>
        <small>{t('scan.hotFolderHelp')}</small>
      </p>
      <ErrorBox message={error} />
      <Notice message={notice} />
      {status && (
        <p data-testid="hot-folder-state" data-state={status.state} role={problem ? 'alert' : undefined}>
          {t(`scan.hotFolderState.${status.state}`, { path: status.path })}
          {status.path && (
            <>
              {' '}
              <button type="button" className="link" disabled={busy} onClick={() => void choose(null)}>
                {t('scan.hotFolderStop')}
              </button>
            </>
          )}
        </p>
      )}
      {status && (
        <p>
          <small data-testid="hot-folder-roots">
            {status.allowedRoots.length > 0 ? t('scan.hotFolderRoots', { roots: status.allowedRoots.join('; ') }) : t('scan.hotFolderNoRoots')}
          </small>
        </p>
      )}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void choose(path.trim());
        }}
      >
        <div className="field">
          <label htmlFor="hot-folder-path">{t('scan.hotFolderPath')}</label>
          <input id="hot-folder-path" value={path} onChange={(e) => setPath(e.target.value)} required />
        </div>
        <button type="submit" disabled={busy || path.trim() === ''}>
          {t('scan.hotFolderWatch')}
        </button>
      </form>
      {status && status.recent.length > 0 && (
        <>
          <h4>{t('scan.hotFolderRecent')}</h4>
          <ul data-testid="hot-folder-recent">
            {status.recent.slice(0, 8).map((f) => (
              <li key={`${f.seenAt} ${f.fileName}`} data-outcome={f.outcome}>
                {f.outcome === 'taken'
                  ? t('scan.hotFolderTaken', { file: f.fileName, count: f.pages })
                  : t('scan.hotFolderTurnedAway', { file: f.fileName, reason: t(`reasons.${f.problem}`, { defaultValue: f.problem ?? '' }) })}
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}
