import { z } from 'zod';
import { LocalizedText } from '../i18n/text';
import { Deadline } from '../calendar/working-time';
import { REQUIRED_STEPS, StepCode } from '../applications/steps';

/**
 * The service catalogue changes by law (fees, deadlines, even the kind of permit), so it is data,
 * versioned, validated by this schema when loaded, never code.
 */
export const PROCEDURES = ['issue', 'reissue', 'duplicate'] as const;
export const ProcedureCode = z.enum(PROCEDURES);
export type ProcedureCode = z.infer<typeof ProcedureCode>;

export const APPLICANT_KINDS = ['legal', 'individual'] as const;
export const ApplicantKind = z.enum(APPLICANT_KINDS);
export type ApplicantKind = z.infer<typeof ApplicantKind>;

/** Codes of services, documents and checklist items: lowercase, digits and hyphens. */
export const Code = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

export const RequiredDocument = z
  .object({ code: Code, name: LocalizedText, required: z.boolean() })
  .strict();
export type RequiredDocument = z.infer<typeof RequiredDocument>;

export const QualificationItem = z.object({ code: Code, text: LocalizedText }).strict();
export type QualificationItem = z.infer<typeof QualificationItem>;

/** One step's deadline inside the authority (seed 003's table), in working time. */
export const StepDeadline = Deadline.extend({ step: StepCode }).strict();
export type StepDeadline = z.infer<typeof StepDeadline>;

export const Procedure = z
  .object({
    code: ProcedureCode,
    /** The legal deadline from registration to the decision. */
    deadlineWorkingDays: z.number().int().positive().max(60),
    steps: z.array(StepDeadline),
    documents: z.array(RequiredDocument).min(1),
    qualification: z.array(QualificationItem),
  })
  .strict()
  .superRefine((procedure, ctx) => {
    const steps = procedure.steps.map((s) => s.step);
    if (new Set(steps).size !== steps.length) ctx.addIssue({ code: 'custom', message: `a step is listed twice in ${procedure.code}` });
    for (const step of REQUIRED_STEPS) if (!steps.includes(step)) ctx.addIssue({ code: 'custom', message: `${procedure.code} has no deadline for the step ${step}` });
  });
export type Procedure = z.infer<typeof Procedure>;

/**
 * What a service issues when the answer is yes: a licence with its annex (seed 001), or the state
 * ecological expertise conclusion (seed 004) — positive, or negative in place of a refusal on the
 * requirements. Numbering, by kind: licences and conclusions take E-licensing's national numbers
 * (KZ…, leased from the registry); duplicates the licence's number and -Dn; refusals and refusals of
 * further consideration the office's own R series.
 */
export const RESULT_KINDS = ['licence', 'conclusion'] as const;
export const ResultKind = z.enum(RESULT_KINDS);
export type ResultKind = z.infer<typeof ResultKind>;

export const Service = z
  .object({
    code: Code,
    name: LocalizedText,
    /** For tables and lists, where the full name in every row would crowd out the rows (the full one on hover and in the application). */
    shortName: LocalizedText.optional(),
    licenceType: LocalizedText,
    result: ResultKind.default('licence'),
    activity: LocalizedText,
    subtypes: z.array(LocalizedText),
    applicantKinds: z.array(ApplicantKind).min(1),
    validity: LocalizedText,
    procedures: z.array(Procedure).min(1),
  })
  .strict();
export type Service = z.infer<typeof Service>;

export const Catalogue = z
  .object({
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}(\.\d+)?$/),
    services: z.array(Service).min(1),
  })
  .strict()
  .superRefine((catalogue, ctx) => {
    const seen = new Set<string>();
    for (const service of catalogue.services) {
      if (seen.has(service.code)) ctx.addIssue({ code: 'custom', message: `duplicate service ${service.code}` });
      seen.add(service.code);
      const procedures = new Set(service.procedures.map((p) => p.code));
      if (procedures.size !== service.procedures.length) {
        ctx.addIssue({ code: 'custom', message: `duplicate procedure in ${service.code}` });
      }
    }
  });
export type Catalogue = z.infer<typeof Catalogue>;

/** The deadline of a step of a procedure; null when the procedure has no such step (a completeness check for a duplicate). */
export function stepDeadline(procedure: Procedure, step: StepCode): StepDeadline | null {
  return procedure.steps.find((s) => s.step === step) ?? null;
}

export function findProcedure(catalogue: Catalogue, serviceCode: string, procedure: ProcedureCode) {
  const service = catalogue.services.find((s) => s.code === serviceCode);
  const found = service?.procedures.find((p) => p.code === procedure);
  return service && found ? { service, procedure: found } : null;
}

/** Whether catalogue version `a` comes after `b` (versions are dates, a same-day revision numbered after a dot). */
export function isLaterCatalogueVersion(a: string, b: string): boolean {
  return a.localeCompare(b, 'en', { numeric: true }) > 0;
}
