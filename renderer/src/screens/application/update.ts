import { POA_SCAN_SLOT, type ApplicationDetail } from '../../../../domain/api/contract';
import { findProcedure, type Catalogue } from '../../../../domain/catalogue/catalogue';
import { AppError } from '../../../../domain/api/errors';
import { localized } from '../../i18n';

/** How a panel changes the application: the call, and the notice to show beside it when it succeeds. */
export type Update = (work: () => Promise<ApplicationDetail>, message?: (a: ApplicationDetail) => string) => Promise<void>;

/** Errors name slots and checklist items by code; the clerk should read the documents' and requirements' names. */
export function withNames(error: unknown, catalogue: Catalogue, app: ApplicationDetail, t: (key: string) => string): unknown {
  if (!(error instanceof AppError) || !error.params) return error;
  const found = findProcedure(catalogue, app.serviceCode, app.procedure)?.procedure;
  const name = (code: string) =>
    code === POA_SCAN_SLOT
      ? t('application.poaScan')
      : localized(found?.documents.find((d) => d.code === code)?.name ?? found?.qualification.find((q) => q.code === code)?.text) || code;
  const params = { ...error.params };
  for (const key of ['slots', 'items'] as const) {
    if (typeof params[key] === 'string') params[key] = String(params[key]).split(',').map(name).join('; ');
  }
  return new AppError(error.code, error.reason, params);
}
