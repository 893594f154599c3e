import { AppError } from '../../domain/api/errors';
import type { Applicant, ApplicantEntered, ApplicationDetail, PowerOfAttorney, Representation, RepresentationInput } from '../../domain/api/contract';
import { isUnverifiedBecause, type UnverifiedBecause } from '../../domain/applications/identity-check';
import { lookupApplicant, poaProblem, powerOfAttorneyOf } from './lookups';
import { findProcedure, type ApplicantKind, type ProcedureCode } from '../../domain/catalogue/catalogue';
import { kazakhstanDate } from '../../domain/calendar/working-days';
import { newId } from '../../db/ids';
import { insertApplication } from '../../db/repositories/applications';
import { appendEvent } from '../../db/repositories/events';
import { licenceDraftOf, saveLicenceDraft } from '../../db/repositories/licence-drafts';
import { advanceTo } from './steps';
import type { UserRecord } from '../../db/repositories/users';
import { inTransaction, type CoreContext } from '../context';
import { detailOf } from './application-view';
import { requireOriginal } from './licences';

/**
 * What the gateway gave, or — only when it did not answer (never when it answered "not found") — what the
 * clerk entered from the documents presented, with the reason it could not be verified.
 */
interface Obtained<T> {
  data: T;
  unverified: UnverifiedBecause | null;
}

async function obtain<T>(lookup: () => Promise<T>, entered: (() => T) | null): Promise<Obtained<T>> {
  try {
    return { data: await lookup(), unverified: null };
  } catch (error) {
    if (!entered || !(error instanceof AppError) || error.code !== 'data-unavailable' || !isUnverifiedBecause(error.reason)) throw error;
    return { data: entered(), unverified: error.reason };
  }
}

function applicantFrom(kind: ApplicantKind, idn: string, e: ApplicantEntered): Applicant {
  return { kind, idn, name: e.name, nameKk: kind === 'legal' ? e.nameKk : null, address: e.address, head: kind === 'legal' ? e.head : null, registrationStatus: null };
}

async function resolveRepresentation(ctx: CoreContext, input: RepresentationInput, applicantIdn: string): Promise<Obtained<Representation>> {
  if (input.kind !== 'notarised') return { data: input, unverified: null };
  const { entered } = input;
  const today = kazakhstanDate(ctx.now());
  const obtained = await obtain(
    async () => {
      const record = await ctx.gateway.powerOfAttorney(input.registryNumber);
      const problem = poaProblem(record, applicantIdn, today);
      if (problem) throw new AppError('invalid-input', problem === 'poa-not-valid' ? 'poa-not-valid-today' : problem);
      return powerOfAttorneyOf(record);
    },
    entered ? (): PowerOfAttorney => ({ registryNumber: input.registryNumber, principalIdn: applicantIdn, ...entered }) : null,
  );
  // Entered by hand, the paper's own dates still have to hold today.
  if (obtained.unverified && (today < obtained.data.validFrom || today > obtained.data.validUntil)) throw new AppError('invalid-input', 'poa-not-valid-today');
  return { data: { kind: 'notarised', poa: obtained.data }, unverified: obtained.unverified };
}

export interface DraftInput {
  serviceCode: string;
  procedure: ProcedureCode;
  applicantKind: ApplicantKind;
  applicantIdn: string;
  representation: RepresentationInput;
  originalNumber?: string | undefined;
  /** The applicant from the documents presented, used only when the gateway does not answer. */
  applicantEntered?: ApplicantEntered | undefined;
}

/**
 * Starts an application. All lookups happen before anything is written: when the state databases
 * answer that there is no such record, the clerk is told and nothing is saved; when the gateway does not
 * answer, what the clerk entered by hand is kept, marked not verified, and checked once it answers.
 */
export async function createDraft(ctx: CoreContext, input: DraftInput, user: UserRecord): Promise<ApplicationDetail> {
  const found = findProcedure(ctx.catalogue, input.serviceCode, input.procedure);
  if (!found) throw new AppError('invalid-input', 'unknown-service');
  if (!found.service.applicantKinds.includes(input.applicantKind)) throw new AppError('invalid-input', 'applicant-kind-not-allowed');
  const original = requireOriginal(ctx, input);
  const { applicantEntered } = input;
  const applicant = await obtain(
    () => lookupApplicant(ctx, input.applicantKind, input.applicantIdn),
    applicantEntered ? () => applicantFrom(input.applicantKind, input.applicantIdn, applicantEntered) : null,
  );
  if (applicant.data.registrationStatus === 'liquidated') throw new AppError('invalid-input', 'applicant-liquidated');
  const representation = await resolveRepresentation(ctx, input.representation, input.applicantIdn);
  const unverified = [
    ...(applicant.unverified ? [{ subject: 'applicant' as const, data: applicant.data, because: applicant.unverified }] : []),
    ...(representation.unverified && representation.data.kind === 'notarised'
      ? [{ subject: 'poa' as const, data: representation.data.poa, because: representation.unverified }]
      : []),
  ];

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
      applicantJson: JSON.stringify(applicant.data),
      representationJson: JSON.stringify(representation.data),
      status: 'draft',
      createdAt: at,
      createdBy: user.id,
      originalNumber: original?.number ?? null,
    });
    advanceTo(ctx, { id, serviceCode: input.serviceCode, procedure: input.procedure }, 'draft', at, user.id);
    // A reissue starts from what the licence it replaces says (production base, conditions, sub-types, validity): the executor changes what the ground for reissue changes.
    const originalDraft = input.procedure === 'reissue' && original ? licenceDraftOf(ctx.db, original.applicationId) : null;
    if (originalDraft) saveLicenceDraft(ctx.db, id, { ...originalDraft, savedBy: user.id, savedAt: at });
    for (const u of unverified) ctx.identity.enter(id, u.subject, u.data, u.because, at);
    appendEvent(ctx.db, {
      at,
      actorId: user.id,
      entity: 'application',
      entityId: id,
      type: 'application.drafted',
      payload: {
        serviceCode: input.serviceCode,
        procedure: input.procedure,
        applicantIdn: input.applicantIdn,
        ...(original ? { originalNumber: original.number } : {}),
        ...(unverified.length ? { unverified: unverified.map((u) => u.subject) } : {}),
      },
    });
  });
  return detailOf(ctx, id);
}
