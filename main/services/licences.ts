import { AppError } from '../../domain/api/errors';
import { LICENCES_FOUND_MAX, type LicenceFound } from '../../domain/api/contract';
import { parseJournalSearch } from '../../domain/applications/journal-search';
import type { ProcedureCode } from '../../domain/catalogue/catalogue';
import { listApplications } from '../../db/repositories/applications';
import { licenceByNumber, licencesByNumberPrefix, licencesOfApplications, type LicenceRecord } from '../../db/repositories/licences';
import type { CoreContext } from '../context';

/** The beginning of a licence number as typed: KZ, then the year's digits, letters, digits in that order. */
const LICENCE_NUMBER_START = /^KZ(\d{0,2}|\d{2}[A-Z]{0,3}|\d{2}[A-Z]{3}\d{0,8})$/;

function stateOf(licence: LicenceRecord): LicenceFound['state'] {
  if (licence.reissuedAs || licence.registryStatus === 'licence-reissued') return 'reissued';
  if (licence.registryStatus === 'licence-revoked') return 'revoked';
  if (licence.registryStatus === 'licence-suspended') return 'suspended';
  return 'in-force';
}

export function licenceFound(licence: LicenceRecord): LicenceFound {
  const name = (JSON.parse(licence.applicantJson) as { name?: unknown }).name;
  return {
    number: licence.number,
    issuedAt: licence.signedAt,
    applicationId: licence.applicationId,
    serviceCode: licence.serviceCode,
    holderKind: licence.applicantKind,
    holderIdn: licence.applicantIdn,
    holderName: typeof name === 'string' ? name : '',
    state: stateOf(licence),
    reissuedAs: licence.reissuedAs,
  };
}

/**
 * The office's licences a clerk may name as the original of a reissue or a duplicate: by the number's
 * beginning, or as the journal searches — the holder's IIN/BIN or words of the name — among issued
 * applications. Every reading has its index (the decisions' numbers, the journal's).
 */
export function findLicences(ctx: Pick<CoreContext, 'db'>, search: string, serviceCode?: string): LicenceFound[] {
  const text = search.trim().toUpperCase();
  const ofService = (licence: LicenceRecord) => !serviceCode || licence.serviceCode === serviceCode;
  if (LICENCE_NUMBER_START.test(text)) return licencesByNumberPrefix(ctx.db, text, LICENCES_FOUND_MAX * 2).filter(ofService).slice(0, LICENCES_FOUND_MAX).map(licenceFound);
  if (!parseJournalSearch(search)) return [];
  const issued = listApplications(ctx.db, { status: 'issued', search, drafts: { visible: 'all' }, ...(serviceCode ? { serviceCode } : {}), page: { limit: LICENCES_FOUND_MAX * 2 } });
  return licencesOfApplications(ctx.db, issued.map((a) => a.id)).filter(ofService).slice(0, LICENCES_FOUND_MAX).map(licenceFound);
}

/**
 * The licence a reissue or a duplicate is asked for: the office's own, of the same service, still in
 * force; a duplicate only to the licence's holder. A reissue may be asked by a successor (a legal entity
 * reorganised under another BIN), so its applicant is not held to the holder's IIN/BIN.
 */
export function requireOriginal(
  ctx: Pick<CoreContext, 'db'>,
  input: { procedure: ProcedureCode; serviceCode: string; applicantIdn: string; originalNumber?: string | undefined },
): LicenceRecord | null {
  if (input.procedure === 'issue') {
    if (input.originalNumber) throw new AppError('invalid-input', 'original-only-for-reissue');
    return null;
  }
  if (!input.originalNumber) throw new AppError('invalid-input', 'original-licence-required');
  const licence = licenceByNumber(ctx.db, input.originalNumber);
  if (!licence) throw new AppError('invalid-input', 'original-licence-unknown');
  if (licence.serviceCode !== input.serviceCode) throw new AppError('invalid-input', 'original-licence-other-service');
  if (stateOf(licence) !== 'in-force' && stateOf(licence) !== 'suspended') throw new AppError('invalid-input', 'original-licence-not-current');
  if (input.procedure === 'duplicate' && licence.applicantIdn !== input.applicantIdn) throw new AppError('invalid-input', 'original-licence-other-holder');
  return licence;
}

/** The licence named by the application, or the one it was issued, as it stands now. */
export function licenceNamed(ctx: Pick<CoreContext, 'db'>, number: string | null): LicenceFound | null {
  const licence = number ? licenceByNumber(ctx.db, number) : null;
  return licence ? licenceFound(licence) : null;
}
