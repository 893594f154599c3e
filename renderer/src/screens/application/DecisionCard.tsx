import { useTranslation } from 'react-i18next';
import type { DecisionInfo } from '../../../../domain/api/contract';
import { api } from '../../api';
import { saveBase64 } from '../../components/files';
import { useAction } from '../../components/use-action';
import { localTime } from '../../components/local-format';
import { ErrorBox } from '../../components/ErrorBox';
import type { ResultKind } from '../../../../domain/catalogue/catalogue';

/** The signed licence or refusal: its number, who signed it and when, and its PDF to save. */
export function DecisionCard({ decision, duplicate, result }: { decision: DecisionInfo; duplicate: boolean; result: ResultKind }) {
  const { t } = useTranslation();
  const action = useAction();
  const conclusion = result === 'conclusion';
  return (
    <div className="card decision" data-testid="decision">
      <h2>{conclusion && decision.grounds !== 'incomplete' ? t(decision.kind === 'licence' ? 'result.conclusion.document' : 'result.conclusion.negative') : decision.kind === 'licence' ? (duplicate ? `${t('application.licence')} — ${t('procedure.duplicate')}` : t('application.licence')) : decision.grounds === 'incomplete' ? t('incomplete.decision') : t('application.refusal')}</h2>
      <p>
        {t('application.number')}: <strong data-testid="decision-number">{decision.number}</strong>
      </p>
      <p>
        {t('application.signedBy')}: {decision.signerName} ({decision.signerIin}), {localTime(decision.signedAt)}
      </p>
      <button
        type="button"
        onClick={() =>
          action.run(async () => {
            const pdf = await api['decisions.pdf']({ decisionId: decision.id });
            saveBase64(pdf.fileName, pdf.contentBase64, 'application/pdf');
          })
        }
      >
        {t('application.savePdf')}
      </button>
      <ErrorBox message={action.error} />
    </div>
  );
}
