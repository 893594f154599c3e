import { useTranslation } from 'react-i18next';
import type { ApplicationSummary } from '../../../domain/api/contract';
import type { Catalogue } from '../../../domain/catalogue/catalogue';
import { localized } from '../i18n';
import { rowApplicantName } from './applicant-name';

/** The cells every list of applications starts with: journal number, service and procedure, applicant. */
export function ApplicationCells({ row, catalogue }: { row: ApplicationSummary; catalogue: Catalogue }) {
  const { t } = useTranslation();
  return (
    <>
      <td className="nowrap">{row.journalNumber ?? t('common.none')}</td>
      <td>
        <ServiceText row={row} catalogue={catalogue} />
      </td>
      <td>
        <ApplicantText row={row} />
      </td>
    </>
  );
}

export function ServiceText({ row, catalogue }: { row: ApplicationSummary; catalogue: Catalogue }) {
  const { t } = useTranslation();
  const found = catalogue.services.find((s) => s.code === row.serviceCode);
  const full = localized(found?.name) || row.serviceCode;
  return (
    <>
      <span title={full}>{localized(found?.shortName) || full}</span> · {t(`procedure.${row.procedure}`)}
    </>
  );
}

/** The applicant's name in the UI's language, the IIN/BIN unbroken, and "not verified" while hand-entered data waits. */
export function ApplicantText({ row }: { row: ApplicationSummary }) {
  const { t } = useTranslation();
  return (
    <>
      {rowApplicantName(row)} <span className="nowrap">({row.applicantIdn})</span>
      {row.identityUnverified && (
        <span className="bad nowrap" data-testid="row-unverified">
          {' '}
          · {t('intake.notVerified')}
        </span>
      )}
    </>
  );
}

/** The button that opens the application, named after it for screen readers. */
export function OpenButton({ row, onOpen }: { row: ApplicationSummary; onOpen: (id: string) => void }) {
  return (
    <td>
      <OpenApplication row={row} onOpen={onOpen} />
    </td>
  );
}

export function OpenApplication({ row, onOpen }: { row: ApplicationSummary; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" onClick={() => onOpen(row.id)} aria-label={`${t('journal.open')} ${row.journalNumber ?? rowApplicantName(row)}`}>
      {t('journal.open')}
    </button>
  );
}
