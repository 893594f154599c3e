import { AppError } from '../../domain/api/errors';
import type { Applicant, ApplicationDetail, PowerOfAttorney, Representation, RepresentationInput } from '../../domain/api/contract';
import { findProcedure, type ApplicantKind, type ProcedureCode } from '../../domain/catalogue/catalogue';
import { kazakhstanDate } from '../../domain/calendar/working-days';
import { newId } from '../../db/ids';
import { insertApplication } from '../../db/repositories/applications';
import { appendEvent } from '../../db/repositories/events';
import { advanceTo } from './steps';
import type { UserRecord } from '../../db/repositories/users';
import { inTransaction, type CoreContext } from '../context';
import { detailOf } from './application-view';
import { requireOriginal } from './licences';

/** Looks the applicant up in the state database that holds its kind of identifier. */
export async function lookupApplicant(ctx: CoreContext, kind: ApplicantKind, idn: string): Promise<Applicant> {
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

export async function lookupPowerOfAttorney(ctx: CoreContext, registryNumber: string): Promise<PowerOfAttorney> {
  const r = await ctx.gateway.powerOfAttorney(registryNumber);
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

async function resolveRepresentation(ctx: CoreContext, input: RepresentationInput, applicantIdn: string): Promise<Representation> {
  if (input.kind !== 'notarised') return input;
  const record = await ctx.gateway.powerOfAttorney(input.registryNumber);
  if (record.revoked) throw new AppError('invalid-input', 'poa-revoked');
  if (record.principalIdn !== applicantIdn) throw new AppError('invalid-input', 'poa-other-principal');
  const today = kazakhstanDate(ctx.now());
  if (today < record.validFrom || today > record.validUntil) throw new AppError('invalid-input', 'poa-not-valid-today');
  return { kind: 'notarised', poa: await lookupPowerOfAttorney(ctx, input.registryNumber) };
}

export interface DraftInput {
  serviceCode: string;
  procedure: ProcedureCode;
  applicantKind: ApplicantKind;
  applicantIdn: string;
  representation: RepresentationInput;
  originalNumber?: string | undefined;
}

/**
 * Starts an application. All lookups happen before anything is written: when the state databases
 * cannot give the data, the clerk sees "the data cannot be obtained" and nothing is saved.
 */
export async function createDraft(ctx: CoreContext, input: DraftInput, user: UserRecord): Promise<ApplicationDetail> {
  const found = findProcedure(ctx.catalogue, input.serviceCode, input.procedure);
  if (!found) throw new AppError('invalid-input', 'unknown-service');
  if (!found.service.applicantKinds.includes(input.applicantKind)) throw new AppError('invalid-input', 'applicant-kind-not-allowed');
  const original = requireOriginal(ctx, input);
  const applicant = await lookupApplicant(ctx, input.applicantKind, input.applicantIdn);
  if (applicant.registrationStatus === 'liquidated') throw new AppError('invalid-input', 'applicant-liquidated');
  const representation = await resolveRepresentation(ctx, input.representation, input.applicantIdn);

  const id = newId();
  const at = ctx.now().toISOString();
  inTransaction(ctx, () => {
    insertApplication(ctx.db, {
      id,
      serviceCode: input.serviceCode,
      procedure: input.procedure,
      catalogueVersion: ctx.catalogue.version,
      applicantKind: input.applicantKind,
      applicantIdn: input.applicantIdn,
      applicantJson: JSON.stringify(applicant),
      representationJson: JSON.stringify(representation),
      status: 'draft',
      createdAt: at,
      createdBy: user.id,
      originalNumber: original?.number ?? null,
    });
    advanceTo(ctx, { id, serviceCode: input.serviceCode, procedure: input.procedure }, 'draft', at, user.id);
    appendEvent(ctx.db, {
      at,
      actorId: user.id,
      entity: 'application',
      entityId: id,
      type: 'application.drafted',
      payload: { serviceCode: input.serviceCode, procedure: input.procedure, applicantIdn: input.applicantIdn, ...(original ? { originalNumber: original.number } : {}) },
    });
  });
  return detailOf(ctx, id);
}
