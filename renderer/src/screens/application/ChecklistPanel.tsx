import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../../domain/api/contract';
import { findProcedure, type Catalogue } from '../../../../domain/catalogue/catalogue';
import { api } from '../../api';
import { errorMessage, localized } from '../../i18n';
import type { Update } from './update';

type Saving = { state: 'saving'; met: boolean } | { state: 'saved' } | { state: 'failed'; message: string };

interface Props {
  app: ApplicationDetail;
  catalogue: Catalogue;
  editable: boolean;
  canSubmit: boolean;
  update: Update;
  /** Takes the application as a saved answer left it. */
  onSaved: (app: ApplicationDetail) => void;
}

/**
 * The qualification checklist: the assigned executor marks each requirement met or not (why), then proposes a decision.
 * Each answer shows at once and is saved on its own, in the order given, outside the page's one-action-at-a-time
 * rule (which dropped a click made while the previous answer was still saving); each item says when it is saved.
 */
export function ChecklistPanel({ app, catalogue, editable, canSubmit, update, onSaved }: Props) {
  const { t } = useTranslation();
  const items = findProcedure(catalogue, app.serviceCode, app.procedure)?.procedure.qualification ?? [];
  const [notes, setNotes] = useState<Record<string, string>>(Object.fromEntries(app.checklist.map((c) => [c.code, c.note])));
  const [saving, setSaving] = useState<Record<string, Saving>>({});
  const queue = useRef<Promise<void>>(Promise.resolve());
  const mark = (code: string, next: Saving) => setSaving((current) => ({ ...current, [code]: next }));
  const set = (code: string, met: boolean) => {
    mark(code, { state: 'saving', met });
    const note = notes[code] ?? '';
    queue.current = queue.current.then(() =>
      api['checklist.set']({ applicationId: app.id, itemCode: code, met, note }).then(
        (saved) => {
          onSaved(saved);
          // A later click on the same item may be waiting: only the last answer's save says "saved".
          setSaving((current) => (current[code]?.state === 'saving' && current[code].met !== met ? current : { ...current, [code]: { state: 'saved' } }));
        },
        (error: unknown) => mark(code, { state: 'failed', message: errorMessage(error) }),
      ),
    );
  };
  const stillSaving = Object.values(saving).some((s) => s.state === 'saving');
  return (
    <div className="card">
      <h2>{t('application.checklist')}</h2>
      {app.checklist.map((entry, index) => {
        const text = localized(items.find((i) => i.code === entry.code)?.text) || entry.code;
        const status = saving[entry.code];
        const met = status?.state === 'saving' ? status.met : entry.met;
        return (
          <fieldset key={entry.code} className="check" data-testid={`check-${entry.code}`}>
            <legend>
              {index + 1}. {text}
            </legend>
            <label className="inline">
              <input type="radio" name={`check-${entry.code}`} checked={met === true} disabled={!editable} onChange={() => set(entry.code, true)} />
              {t('application.met')}
            </label>
            <label className="inline">
              <input type="radio" name={`check-${entry.code}`} checked={met === false} disabled={!editable} onChange={() => set(entry.code, false)} />
              {t('application.notMet')}
            </label>
            <input
              aria-label={`${t('application.note')}: ${text}`}
              placeholder={t('application.note')}
              value={notes[entry.code] ?? ''}
              disabled={!editable}
              onChange={(e) => setNotes({ ...notes, [entry.code]: e.target.value })}
              onBlur={() => met !== null && (notes[entry.code] ?? '') !== entry.note && set(entry.code, met)}
            />
            <span className={`save-state ${status?.state ?? ''}`} role={status?.state === 'failed' ? 'alert' : 'status'} data-testid={`check-state-${entry.code}`}>
              {status?.state === 'saving' && t('application.answerSaving')}
              {status?.state === 'saved' && `✓ ${t('application.answerSaved')}`}
              {status?.state === 'failed' && status.message}
            </span>
          </fieldset>
        );
      })}
      {canSubmit && (
        <button type="button" disabled={stillSaving || app.checklist.some((c) => c.met === null)} onClick={() => update(() => api['applications.submitForDecision']({ id: app.id }))}>
          {t('application.submit')}
        </button>
      )}
    </div>
  );
}
