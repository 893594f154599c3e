import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { POA_SCAN_SLOT, type ApplicationDetail } from '../../../../domain/api/contract';
import { findProcedure, type Catalogue } from '../../../../domain/catalogue/catalogue';
import { localized } from '../../i18n';
import { api } from '../../api';
import { useKeyFields } from '../../components/KeyFields';
import type { Update } from './update';

/** The head's decision: sign the licence, sign a motivated refusal, or send the checklist back to the executor. */
export function DecisionPanel({
  app,
  catalogue,
  update,
  canReturn,
  feedback,
}: {
  app: ApplicationDetail;
  catalogue: Catalogue;
  update: Update;
  canReturn: boolean;
  /** The last action's error or notice: shown under the row of the button that was pressed. */
  feedback: ReactNode;
}) {
  const { t } = useTranslation();
  const [pressed, setPressed] = useState<'licence' | 'refusal'>('licence');
  const key = useKeyFields('decision');
  const [reason, setReason] = useState('');
  const allMet = app.checklist.every((c) => c.met === true);
  const proposal = app.considerationRefusal;

  if (proposal) {
    // The executor found documents missing: the head signs that refusal, or sends it back with a note.
    const documents = findProcedure(catalogue, app.serviceCode, app.procedure)?.procedure.documents ?? [];
    const name = (code: string) => (code === POA_SCAN_SLOT ? t('application.poaScan') : localized(documents.find((d) => d.code === code)?.name) || code);
    return (
      <div className="card" data-testid="consideration-refusal-proposal">
        <h2>{t('incomplete.proposalTitle')}</h2>
        <p>{t('incomplete.missing')}:</p>
        <ol>
          {proposal.missing.map((code) => (
            <li key={code}>{name(code)}</li>
          ))}
        </ol>
        <p>
          {t('incomplete.reason')}: {proposal.reason}
        </p>
        {key.fields}
        <div className="actions">
          <button
            type="button"
            className="danger"
            disabled={!key.ready}
            onClick={async () => {
              const input = await key.take();
              await update(() => api['decisions.refuseConsideration']({ applicationId: app.id, ...input }), (a) => t('application.signed', { number: a.decision?.number }));
            }}
          >
            {t('incomplete.sign')}
          </button>
        </div>
        {feedback}
        {canReturn && (
          <>
            <div className="field">
              <label htmlFor="return-note">{t('application.returnHint')}</label>
              <textarea id="return-note" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
            </div>
            <button type="button" className="secondary" disabled={reason.trim() === ''} onClick={() => update(() => api['applications.returnToExecutor']({ id: app.id, note: reason }))}>
              {t('application.returnToExecutor')}
            </button>
          </>
        )}
      </div>
    );
  }

  async function sign(kind: 'licence' | 'refusal') {
    setPressed(kind);
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
      {pressed === 'licence' && feedback}
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
            onClick={() => {
              setPressed('refusal');
              return update(() => api['applications.returnToExecutor']({ id: app.id, note: reason }));
            }}
          >
            {t('application.returnToExecutor')}
          </button>
        )}
      </div>
      {pressed === 'refusal' && feedback}
    </div>
  );
}
