import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The keyboard shortcuts, in one place: the help overlay lists exactly these. Keys are matched by
 * their position (KeyboardEvent.code), so Alt+J is the same key in the Kazakh, Russian and Latin layouts.
 */
export const SHORTCUTS = [
  { keys: 'Alt+W', code: 'KeyW', alt: true, action: 'work' },
  { keys: 'Alt+J', code: 'KeyJ', alt: true, action: 'journal' },
  { keys: 'Alt+N', code: 'KeyN', alt: true, action: 'intake' },
  { keys: 'Alt+D', code: 'KeyD', alt: true, action: 'dashboard' },
  { keys: '/', code: 'Slash', alt: false, action: 'search' },
  { keys: 'F1', code: 'F1', alt: false, action: 'help' },
] as const;
export type ShortcutAction = (typeof SHORTCUTS)[number]['action'];

/** Keys that only act within their place, listed in the help too. */
const LOCAL_KEYS = ['rows', 'open', 'lookup', 'pages', 'closeViewer', 'answer'] as const;

const typing = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Calls `run` for a shortcut pressed anywhere; "/" and "?" only when not typing into a field. */
export function useShortcuts(run: (action: ShortcutAction) => void) {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey) return;
      if (e.key === '?' && !typing(e.target)) {
        e.preventDefault();
        return latest.current('help');
      }
      const shortcut = SHORTCUTS.find((s) => s.code === e.code && s.alt === e.altKey);
      if (!shortcut || (!shortcut.alt && shortcut.code !== 'F1' && typing(e.target))) return;
      e.preventDefault();
      latest.current(shortcut.action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** The list of shortcuts, as a modal dialog (Esc closes it; focus comes back where it was). */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="shortcuts" aria-labelledby="shortcuts-title" onClose={onClose} data-testid="shortcuts-help">
      <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
      <table>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{t(`shortcuts.${s.action}`)}</td>
            </tr>
          ))}
          {LOCAL_KEYS.map((k) => (
            <tr key={k}>
              <td>
                <kbd>{t(`shortcuts.keys.${k}`)}</kbd>
              </td>
              <td>{t(`shortcuts.local.${k}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onClose} autoFocus>
        {t('shortcuts.close')}
      </button>
    </dialog>
  );
}
