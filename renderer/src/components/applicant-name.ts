import type { Applicant } from '../../../domain/api/contract';
import { currentLanguage } from '../i18n';

/** The applicant's name in the UI language where the state database has it in both. */
export function applicantName(applicant: Applicant): string {
  return currentLanguage() === 'kk' && applicant.nameKk ? applicant.nameKk : applicant.name;
}
