import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../../domain/api/contract';
import { api } from '../../api';
import { useKeyFields } from '../../components/KeyFields';
import type { Update } from './update';

/** The head's decision: sign the licence, sign a motivated refusal, or send the checklist back to the executor. */
export function DecisionPanel({ app, update, canReturn }: { app: ApplicationDetail; update: Update; canReturn: boolean }) {
  const { t } = useTranslation();
  const key = useKeyFields('decision');
  const [reason, setReason] = useState('');
  const allMet = app.checklist.every((c) => c.met === true);

  async function sign(kind: 'licence' | 'refusal') {
    const input = await key.take();
    await update(
      () =>
        kind === 'licence'
          ? api['decisions.issueLicence']({ applicationId: app.id, ...input })
          : api['decisions.refuse']({ applicationId: app.id, reason, ...input }),
      (a) => t('application.signed', { number: a.decision?.number }),
    );
  }

  return (
    <div className="card">
      <h2>{t('application.decision')}</h2>
      {key.fields}
      <div className="actions">
        <button type="button" disabled={!key.ready || !allMet} onClick={() => sign('licence')}>
          {t('application.signLicence')}
        </button>
      </div>
      <div className="field">
        <label htmlFor="refusal-reason">{t('application.refusalReason')}</label>
        <textarea id="refusal-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="actions">
        <button type="button" className="danger" disabled={!key.ready || reason.trim() === ''} onClick={() => sign('refusal')}>
          {t('application.signRefusal')}
        </button>
        {canReturn && (
          <button
            type="button"
            className="secondary"
            disabled={reason.trim() === ''}
            title={t('application.returnHint')}
            onClick={() => update(() => api['applications.returnToExecutor']({ id: app.id, note: reason }))}
          >
            {t('application.returnToExecutor')}
          </button>
        )}
      </div>
    </div>
  );
}
