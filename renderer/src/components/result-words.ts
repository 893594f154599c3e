import type { TFunction } from 'i18next';
import type { ApplicationStatus } from '../../../domain/applications/status';
import type { Catalogue, ResultKind } from '../../../domain/catalogue/catalogue';

/** What the application's service issues (catalogue `result`): a licence, or the ecological expertise conclusion. */
export function resultOf(catalogue: Catalogue, serviceCode: string): ResultKind {
  return catalogue.services.find((s) => s.code === serviceCode)?.result ?? 'licence';
}

/** The status in the service's own words: a conclusion is never "licence issued". */
export function statusText(t: TFunction, status: ApplicationStatus, result: ResultKind): string {
  return result === 'conclusion' && status === 'issued' ? t('result.conclusion.issued') : t(`status.${status}`);
}
