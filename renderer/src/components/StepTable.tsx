import { useTranslation } from 'react-i18next';
import type { ApplicationSummary } from '../../../domain/api/contract';
import type { Catalogue } from '../../../domain/catalogue/catalogue';
import { resultOf, statusText } from './result-words';
import { ApplicationCells, OpenButton } from './ApplicationCells';
import { StepBadge } from './StepBadge';

/** Applications by the step they wait on (coloured by urgency), each one click from opening: "my work" and the dashboard's lists. */
export function StepTable({ rows, rowTestId, catalogue, onOpen }: { rows: ApplicationSummary[]; rowTestId: string; catalogue: Catalogue; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <table className="journal">
      <thead>
        <tr>
          <th>{t('steps.current')}</th>
          <th>{t('journal.number')}</th>
          <th>{t('journal.service')}</th>
          <th>{t('journal.applicant')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid={rowTestId} className={`urgency-row-${r.step?.urgency ?? 'none'}`}>
            <td>{r.step ? <StepBadge step={r.step} /> : statusText(t, r.status, resultOf(catalogue, r.serviceCode))}</td>
            <ApplicationCells row={r} catalogue={catalogue} />
            <OpenButton row={r} onOpen={onOpen} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
