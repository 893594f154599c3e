import type { Applicant, PowerOfAttorney } from '../../domain/api/contract';
import type { ApplicantKind } from '../../domain/catalogue/catalogue';
import type { PoaRecord } from '../../domain/gateway/state-databases';
import type { CoreContext } from '../context';

/** The state databases' answers in the shapes the office keeps (the gateway's errors pass through as they are). */
export async function lookupApplicant(ctx: Pick<CoreContext, 'gateway'>, kind: ApplicantKind, idn: string): Promise<Applicant> {
  if (kind === 'legal') {
    const e = await ctx.gateway.legalEntity(idn);
    return { kind, idn, name: e.fullNameRu, nameKk: e.fullNameKk, address: e.address, head: e.head?.fullName ?? null, registrationStatus: e.status };
  }
  const p = await ctx.gateway.person(idn);
  return {
    kind,
    idn,
    name: [p.surname, p.name, p.patronymic].filter(Boolean).join(' '),
    nameKk: null,
    address: p.address,
    head: null,
    registrationStatus: null,
  };
}

export function powerOfAttorneyOf(r: PoaRecord): PowerOfAttorney {
  return {
    registryNumber: r.registryNumber,
    principalIdn: r.principalIdn,
    attorneyIin: r.attorneyIin,
    attorneyName: r.attorneyFullName,
    powers: r.powers,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    notary: r.notary,
  };
}

export async function lookupPowerOfAttorney(ctx: Pick<CoreContext, 'gateway'>, registryNumber: string): Promise<PowerOfAttorney> {
  return powerOfAttorneyOf(await ctx.gateway.powerOfAttorney(registryNumber));
}

/** Why a PoA the registry holds does not let this attorney act for this applicant on this day, or null. */
export function poaProblem(record: PoaRecord, applicantIdn: string, day: string): 'poa-revoked' | 'poa-other-principal' | 'poa-not-valid' | null {
  if (record.revoked) return 'poa-revoked';
  if (record.principalIdn !== applicantIdn) return 'poa-other-principal';
  if (day < record.validFrom || day > record.validUntil) return 'poa-not-valid';
  return null;
}
