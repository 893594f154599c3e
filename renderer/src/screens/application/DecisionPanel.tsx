import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { POA_SCAN_SLOT, type ApplicationDetail } from '../../../../domain/api/contract';
import { findProcedure, type Catalogue } from '../../../../domain/catalogue/catalogue';
import { localized } from '../../i18n';
import { api } from '../../api';
import { useKeyFields } from '../../components/KeyFields';
import { base64ToBytes } from '../../components/files';
import type { PreviewKind } from '../../../../domain/api/decisions';
import type { ResultKind } from '../../../../domain/catalogue/catalogue';
import type { Update } from './update';

/** The decision's document as the head last saw it: signing it signs these bytes (decisions.preview). */
export interface DecisionPreview {
  kind: PreviewKind;
  reason: string;
  number: string;
  sha256: string;
  fileName: string;
  bytes: Uint8Array;
}

/** The head's decision: sign the licence, sign a motivated refusal, or send the checklist back to the executor. */
export function DecisionPanel({
  app,
  catalogue,
  update,
  canReturn,
  feedback,
  result,
  preview,
  onPreview,
}: {
  app: ApplicationDetail;
  catalogue: Catalogue;
  update: Update;
  canReturn: boolean;
  /** The last action's error or notice: shown under the row of the button that was pressed. */
  feedback: ReactNode;
  /** What the service issues: the buttons say "conclusion" rather than "licence" where it does. */
  result: ResultKind;
  preview: DecisionPreview | null;
  /** A new preview to show beside the application (null: signed, nothing left to show). */
  onPreview: (preview: DecisionPreview | null) => void;
}) {
  const { t } = useTranslation();
  const [pressed, setPressed] = useState<'licence' | 'refusal'>('licence');
  const key = useKeyFields('decision');
  const [reason, setReason] = useState('');
  const allMet = app.checklist.every((c) => c.met === true);
  const conclusion = result === 'conclusion';
  const proposal = app.considerationRefusal;

  // The head looks at the exact document first; the signature goes on what was looked at.
  const look = (kind: PreviewKind, lookReason = '') =>
    update(async () => {
      const made = await api['decisions.preview']({ applicationId: app.id, kind, reason: lookReason });
      onPreview({ kind, reason: lookReason, number: made.number, sha256: made.sha256, fileName: made.fileName, bytes: base64ToBytes(made.contentBase64) });
      return app;
    });
  const looked = (kind: PreviewKind, lookReason = '') => (preview?.kind === kind && preview.reason === lookReason ? preview : null);
  const signLooked = async (kind: PreviewKind, call: (input: Awaited<ReturnType<typeof key.take>> & { previewSha256: string }) => Promise<ApplicationDetail>, lookReason = '') => {
    const seen = looked(kind, lookReason);
    if (!seen) return;
    const input = await key.take();
    await update(
      async () => {
        const signed = await call({ ...input, previewSha256: seen.sha256 });
        onPreview(null);
        return signed;
      },
      (a) => t('application.signed', { number: a.decision?.number }),
    );
  };
  const lookedNote = (kind: PreviewKind, lookReason = '') => {
    const seen = looked(kind, lookReason);
    return (
      <p className="hint" data-testid={`preview-state-${kind}`}>
        {seen ? t('application.previewSeen', { number: seen.number }) : t('application.previewFirst')}
      </p>
    );
  };

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
          <button type="button" className="secondary" onClick={() => look('consideration-refusal')}>
            {t('application.previewRefusal')}
          </button>
          <button
            type="button"
            className="danger"
            disabled={!key.ready || !looked('consideration-refusal')}
            onClick={() => signLooked('consideration-refusal', (input) => api['decisions.refuseConsideration']({ applicationId: app.id, ...input }))}
          >
            {t('incomplete.sign')}
          </button>
        </div>
        {lookedNote('consideration-refusal')}
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


  return (
    <div className="card">
      <h2>{t('application.decision')}</h2>
      {key.fields}
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={!allMet}
          onClick={() => {
            setPressed('licence');
            return look('licence');
          }}
        >
          {t(conclusion ? 'result.conclusion.preview' : 'application.previewLicence')}
        </button>
        <button
          type="button"
          disabled={!key.ready || !allMet || !looked('licence')}
          onClick={() => {
            setPressed('licence');
            return signLooked('licence', (input) => api['decisions.issueLicence']({ applicationId: app.id, ...input }));
          }}
        >
          {t(conclusion ? 'result.conclusion.sign' : 'application.signLicence')}
        </button>
      </div>
      {allMet && lookedNote('licence')}
      {pressed === 'licence' && feedback}
      <div className="field">
        <label htmlFor="refusal-reason">{t('application.refusalReason')}</label>
        <textarea id="refusal-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={reason.trim() === ''}
          onClick={() => {
            setPressed('refusal');
            return look('refusal', reason);
          }}
        >
          {t(conclusion ? 'result.conclusion.previewNegative' : 'application.previewRefusal')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={!key.ready || reason.trim() === '' || !looked('refusal', reason)}
          onClick={() => {
            setPressed('refusal');
            return signLooked('refusal', (input) => api['decisions.refuse']({ applicationId: app.id, reason, ...input }), reason);
          }}
        >
          {t(conclusion ? 'result.conclusion.signNegative' : 'application.signRefusal')}
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
      {reason.trim() !== '' && lookedNote('refusal', reason)}
      {pressed === 'refusal' && feedback}
    </div>
  );
}
