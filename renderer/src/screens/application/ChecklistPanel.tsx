import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../../domain/api/contract';
import { findProcedure, type Catalogue } from '../../../../domain/catalogue/catalogue';
import { api } from '../../api';
import { localized } from '../../i18n';
import type { Update } from './update';

/** The qualification checklist: the assigned executor marks each requirement met or not (why), then proposes a decision. */
export function ChecklistPanel({ app, catalogue, editable, canSubmit, update }: { app: ApplicationDetail; catalogue: Catalogue; editable: boolean; canSubmit: boolean; update: Update }) {
  const { t } = useTranslation();
  const items = findProcedure(catalogue, app.serviceCode, app.procedure)?.procedure.qualification ?? [];
  const [notes, setNotes] = useState<Record<string, string>>(Object.fromEntries(app.checklist.map((c) => [c.code, c.note])));
  const set = (code: string, met: boolean) => update(() => api['checklist.set']({ applicationId: app.id, itemCode: code, met, note: notes[code] ?? '' }));
  return (
    <div className="card">
      <h2>{t('application.checklist')}</h2>
      {app.checklist.map((entry, index) => {
        const text = localized(items.find((i) => i.code === entry.code)?.text) || entry.code;
        return (
          <fieldset key={entry.code} className="check" data-testid={`check-${entry.code}`}>
            <legend>
              {index + 1}. {text}
            </legend>
            <label className="inline">
              <input type="radio" name={`check-${entry.code}`} checked={entry.met === true} disabled={!editable} onChange={() => set(entry.code, true)} />
              {t('application.met')}
            </label>
            <label className="inline">
              <input type="radio" name={`check-${entry.code}`} checked={entry.met === false} disabled={!editable} onChange={() => set(entry.code, false)} />
              {t('application.notMet')}
            </label>
            <input
              aria-label={`${t('application.note')}: ${text}`}
              placeholder={t('application.note')}
              value={notes[entry.code] ?? ''}
              disabled={!editable}
              onChange={(e) => setNotes({ ...notes, [entry.code]: e.target.value })}
              onBlur={() => entry.met !== null && (notes[entry.code] ?? '') !== entry.note && set(entry.code, entry.met)}
            />
          </fieldset>
        );
      })}
      {canSubmit && (
        <button type="button" disabled={app.checklist.some((c) => c.met === null)} onClick={() => update(() => api['applications.submitForDecision']({ id: app.id }))}>
          {t('application.submit')}
        </button>
      )}
    </div>
  );
}
