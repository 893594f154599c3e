import type { Applicant } from '../../../domain/api/contract';
import { currentLanguage } from '../i18n';

/** The applicant's name in the UI language where the state database has it in both. */
export function applicantName(applicant: Pick<Applicant, 'name' | 'nameKk'>): string {
  return currentLanguage() === 'kk' && applicant.nameKk ? applicant.nameKk : applicant.name;
}

/** The same for a list row. */
export function rowApplicantName(row: { applicantName: string; applicantNameKk: string | null }): string {
  return applicantName({ name: row.applicantName, nameKk: row.applicantNameKk });
}
