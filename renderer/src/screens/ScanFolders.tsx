import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HotFolderPolicy } from '../../../domain/api/contract';
import { api } from '../api';
import { ErrorBox, Notice } from '../components/ErrorBox';
import { useAction } from '../components/use-action';

/**
 * The administrator's rules for the clerks' copier folders: the folders they may be chosen inside
 * (one per line), and whether files that are turned away are left where they are or moved aside.
 */
export function ScanFolders() {
  const { t } = useTranslation();
  const { busy, error, run } = useAction();
  const [roots, setRoots] = useState('');
  const [rejected, setRejected] = useState<HotFolderPolicy['rejected']>('leave');
  const [notice, setNotice] = useState<string | null>(null);

  const show = (policy: HotFolderPolicy) => {
    setRoots(policy.roots.join('\n'));
    setRejected(policy.rejected);
  };
  useEffect(() => {
    void run(async () => show(await api['scanner.hotFolderPolicy']({})));
  }, []);

  const save = () =>
    run(async () => {
      setNotice(null);
      const list = roots.split('\n').map((r) => r.trim()).filter(Boolean);
      show(await api['scanner.setHotFolderPolicy']({ roots: list, rejected }));
      setNotice(t('scanFolders.saved'));
    });

  return (
    <section>
      <h1>{t('scanFolders.title')}</h1>
      <p>{t('scanFolders.intro')}</p>
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <ErrorBox message={error} />
        <Notice message={notice} />
        <div className="field">
          <label htmlFor="scan-folder-roots">{t('scanFolders.roots')}</label>
          <textarea id="scan-folder-roots" rows={4} value={roots} onChange={(e) => setRoots(e.target.value)} />
        </div>
        <fieldset>
          <legend>{t('scanFolders.rejected')}</legend>
          {(['leave', 'move'] as const).map((choice) => (
            <label key={choice} className="choice">
              <input type="radio" name="rejected" value={choice} checked={rejected === choice} onChange={() => setRejected(choice)} /> {t(`scanFolders.rejectedChoice.${choice}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={busy}>
          {t('common.save')}
        </button>
      </form>
    </section>
  );
}
