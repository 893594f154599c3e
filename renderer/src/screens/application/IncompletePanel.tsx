import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { POA_SCAN_SLOT, type ApplicationDetail } from '../../../../domain/api/contract';
import { findProcedure, type Catalogue } from '../../../../domain/catalogue/catalogue';
import { api } from '../../api';
import { localized } from '../../i18n';
import type { Update } from './update';

/** The executor, within the completeness check, finds documents missing: a refusal of further consideration for the head to sign. */
export function IncompletePanel({ app, catalogue, update }: { app: ApplicationDetail; catalogue: Catalogue; update: Update }) {
  const { t } = useTranslation();
  const [missing, setMissing] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const documents = findProcedure(catalogue, app.serviceCode, app.procedure)?.procedure.documents ?? [];
  const name = (code: string) => (code === POA_SCAN_SLOT ? t('application.poaScan') : localized(documents.find((d) => d.code === code)?.name) || code);
  const toggle = (code: string) => setMissing(missing.includes(code) ? missing.filter((c) => c !== code) : [...missing, code]);
  return (
    <div className="card" data-testid="incomplete-panel">
      <h2>{t('incomplete.title')}</h2>
      <p>{t('incomplete.hint')}</p>
      <fieldset>
        <legend>{t('incomplete.missing')}</legend>
        {app.slots.map((slot) => (
          <label key={slot.code} className="inline">
            <input type="checkbox" checked={missing.includes(slot.code)} onChange={() => toggle(slot.code)} /> {name(slot.code)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="incomplete-reason">{t('incomplete.reason')}</label>
        <textarea id="incomplete-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <button
        type="button"
        className="danger"
        disabled={missing.length === 0 || reason.trim() === ''}
        onClick={() => update(() => api['applications.proposeConsiderationRefusal']({ id: app.id, missing, reason }), () => t('incomplete.proposed'))}
      >
        {t('incomplete.propose')}
      </button>
    </div>
  );
}
