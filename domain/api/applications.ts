import { z } from 'zod';
import { ApplicationSync } from './sync';
import { ApplicantKind, Code, ProcedureCode } from '../catalogue/catalogue';
import { ApplicationStatus, Role } from '../applications/status';
import { StepCode } from '../applications/steps';
import { HANDOUT_METHODS, SURVEY_ANSWERS } from '../events/office-events';
import { Line, Paragraph } from './text';
import { application, call, Id, Idn, IsoDate, IsoInstant, KeyChoice, KeyInput, Ok } from './call';
import { SignatureReport, TimestampReport } from './pki';
import { LicenceNumber } from '../sync/licence-numbers';
import { IDENTITY_STATES, IDENTITY_SUBJECTS, REJECTED_BECAUSE, UNVERIFIED_BECAUSE } from '../applications/identity-check';

/** The longest page of the journal one call returns. */
export const JOURNAL_PAGE_MAX = 500;

/** The journal's orders: by registration (newest or oldest first), or by legal deadline (soonest first, registered ones only). */
export const JOURNAL_SORTS = ['newest', 'oldest', 'due'] as const;

/**
 * What the journal shows: its filters and order. Every field is also a query parameter of the screen's
 * address (renderer/src/screens/journal-view), so a view can be reopened.
 */
export const JournalView = z
  .object({
    status: ApplicationStatus.optional(),
    year: z.number().int().min(2000).max(2100).optional(),
    search: Line(100, 0).optional(),
    serviceCode: Code.optional(),
    procedure: ProcedureCode.optional(),
    executorId: Id.optional(),
    /** Registered (a draft: created) on or after this day, Kazakhstan time. */
    from: IsoDate.optional(),
    /** … and on or before this day. */
    to: IsoDate.optional(),
    /** Only applications whose current step is past its due time. */
    overdue: z.boolean().optional(),
    sort: z.enum(JOURNAL_SORTS).default('newest'),
  })
  .strict();
export type JournalView = z.input<typeof JournalView>;

/** Intake and the application's way through the office: lookups, drafts, registration, assignment, checklist. */
export const Applicant = z.object({
  kind: ApplicantKind,
  idn: Idn,
  /** The official name as the state database gives it (Russian for legal entities). */
  name: z.string().min(1),
  /** The Kazakh name of a legal entity, when the database has one. */
  nameKk: z.string().nullable(),
  address: z.string(),
  head: z.string().nullable(),
  registrationStatus: z.string().nullable(),
});
export type Applicant = z.infer<typeof Applicant>;

export const PowerOfAttorney = z.object({
  registryNumber: z.string(),
  principalIdn: Idn,
  attorneyIin: Idn,
  attorneyName: z.string(),
  powers: z.string(),
  validFrom: IsoDate,
  validUntil: IsoDate,
  notary: z.string(),
});
export type PowerOfAttorney = z.infer<typeof PowerOfAttorney>;

/** The applicant as the clerk enters it from the documents presented, when the gateway does not answer. */
export const ApplicantEntered = z
  .object({
    name: Line(300),
    nameKk: Line(300).nullable().default(null),
    address: Line(500),
    head: Line(200).nullable().default(null),
  })
  .strict();
export type ApplicantEntered = z.infer<typeof ApplicantEntered>;

/** The notary's PoA as the clerk enters it from the paper, when the gateway does not answer. */
export const PoaEntered = z
  .object({
    attorneyIin: Idn,
    attorneyName: Line(200),
    powers: Paragraph(2000),
    validFrom: IsoDate,
    validUntil: IsoDate,
    notary: Line(300),
  })
  .strict();
export type PoaEntered = z.infer<typeof PoaEntered>;

/** How the applicant is represented: in person, by a notarised PoA (looked up), or by another PoA (scan only). */
export const RepresentationInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z
    .object({
      kind: z.literal('notarised'),
      registryNumber: z.string().trim().regex(/^[0-9A-Za-z-]{4,32}$/),
      /** Used only when the gateway does not answer (the PoA is then checked later). */
      entered: PoaEntered.optional(),
    })
    .strict(),
  z.object({ kind: z.literal('other'), fullName: Line(200), iin: Idn }).strict(),
]);
export type RepresentationInput = z.infer<typeof RepresentationInput>;

export const Representation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('notarised'), poa: PowerOfAttorney }),
  z.object({ kind: z.literal('other'), fullName: z.string(), iin: z.string() }),
]);
export type Representation = z.infer<typeof Representation>;

/** Slot for the scan of a PoA certified otherwise than by a notary: required whenever such a PoA is used. */
export const POA_SCAN_SLOT = 'poa-scan';

export const DocumentInfo = z.object({
  id: Id,
  fileName: z.string(),
  mime: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
  size: z.number().int(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  pages: z.number().int().positive(),
  addedAt: IsoInstant,
  /** Text recognition of the document: waiting (with pages read so far), done, or failed. */
  ocr: z.object({ status: z.enum(['queued', 'done', 'failed']), pagesDone: z.number().int(), pagesTotal: z.number().int() }).nullable(),
  /** Checksum-valid IINs/BINs in the document's text that are neither the applicant's, the representative's nor the authority's. */
  foreignIdentifiers: z.array(z.string()),
});
export type DocumentInfo = z.infer<typeof DocumentInfo>;

export const DocumentSlot = z.object({
  code: z.string(),
  required: z.boolean(),
  paperPresented: z.boolean(),
  documents: z.array(DocumentInfo),
});
export type DocumentSlot = z.infer<typeof DocumentSlot>;

/** A page of one of the application's documents. */
export const DocumentPage = z.object({ documentId: Id, page: z.number().int().min(1).max(100_000) }).strict();
export type DocumentPage = z.infer<typeof DocumentPage>;

/** The licence's variable fields as the executor drafted them (seed 001, annex 3). */
export const LicenceDraft = z
  .object({
    /** Places in the service's list of sub-types (catalogue `subtypes`), at least one when it has any. */
    subtypes: z.array(z.number().int().min(0).max(99)).max(100),
    productionBase: Line(500),
    /** '' when there are none. */
    specialConditions: Paragraph(2000, 0),
    /** The last day the licence is valid; null for the catalogue's validity (indefinite for most licences). */
    validUntil: IsoDate.nullable(),
  })
  .strict();
export type LicenceDraft = z.infer<typeof LicenceDraft>;

export const ChecklistEntry = z.object({
  code: z.string(),
  met: z.boolean().nullable(),
  note: z.string(),
  /** The page the executor says proves the item, if they pointed at one. */
  evidence: DocumentPage.nullable(),
});
export type ChecklistEntry = z.infer<typeof ChecklistEntry>;

export const DecisionKind = z.enum(['licence', 'refusal']);
export const DecisionInfo = z.object({
  id: Id,
  kind: DecisionKind,
  /** A refusal on the qualification requirements, or of further consideration for incomplete documents. */
  grounds: z.enum(['requirements', 'incomplete']),
  number: z.string(),
  signedAt: IsoInstant,
  signerName: z.string(),
  signerIin: z.string(),
  reason: z.string(),
});
export type DecisionInfo = z.infer<typeof DecisionInfo>;

/** The step the application waits on: who holds it, since when, when it falls due, and how it stands now. */
export const CurrentStep = z.object({
  code: StepCode,
  holderRole: Role,
  /** The executor, for the executor's steps; the others are held by whoever has the role. */
  holderName: z.string().nullable(),
  startedAt: IsoInstant,
  dueAt: IsoInstant,
  urgency: z.enum(['on-time', 'at-risk', 'overdue']),
});
export type CurrentStep = z.infer<typeof CurrentStep>;

export const StepHistoryEntry = z.object({
  code: StepCode,
  startedAt: IsoInstant,
  dueAt: IsoInstant,
  endedAt: IsoInstant.nullable(),
  /** Ended after its due time (or, still open, past it). */
  overran: z.boolean(),
});
export type StepHistoryEntry = z.infer<typeof StepHistoryEntry>;

export const HandoutMethod = z.enum(HANDOUT_METHODS);
export const SurveyAnswer = z.enum(SURVEY_ANSWERS);
/** The result handed over (and the survey, once answered). */
export const HandoutInfo = z.object({
  handedAt: IsoInstant,
  recipient: z.string(),
  recipientIdn: z.string().nullable(),
  method: HandoutMethod,
  survey: z.object({ process: SurveyAnswer, information: SurveyAnswer }).nullable(),
});
export type HandoutInfo = z.infer<typeof HandoutInfo>;

export const ApplicationSummary = z.object({
  id: Id,
  journalNumber: z.string().nullable(),
  serviceCode: z.string(),
  procedure: ProcedureCode,
  status: ApplicationStatus,
  applicantIdn: z.string(),
  applicantName: z.string(),
  /** The Kazakh name, when the state database gives one (a legal entity). */
  applicantNameKk: z.string().nullable(),
  createdAt: IsoInstant,
  registeredAt: IsoInstant.nullable(),
  dueDate: IsoDate.nullable(),
  executorName: z.string().nullable(),
  step: CurrentStep.nullable(),
  /** Data entered by hand (the gateway was down) not yet confirmed by the state databases: signing waits. */
  identityUnverified: z.boolean(),
});
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;

/** A licence of the office's, as a reissue or a duplicate names it: whose, when, and whether it is still in force. */
export const LICENCE_STATES = ['in-force', 'reissued', 'suspended', 'revoked'] as const;
export const LicenceFound = z.object({
  number: z.string(),
  issuedAt: IsoInstant,
  applicationId: Id,
  serviceCode: z.string(),
  holderKind: ApplicantKind,
  holderIdn: z.string(),
  holderName: z.string(),
  state: z.enum(LICENCE_STATES),
  /** The licence that replaced it, when a reissue has. */
  reissuedAs: z.string().nullable(),
});
export type LicenceFound = z.infer<typeof LicenceFound>;
export const LICENCES_FOUND_MAX = 20;

/** The check of data entered by hand against the state databases, once they answer (domain/applications/identity-check). */
export const IdentityCheckInfo = z.object({
  subject: z.enum(IDENTITY_SUBJECTS),
  state: z.enum(IDENTITY_STATES),
  enteredBecause: z.enum(UNVERIFIED_BECAUSE),
  rejectedBecause: z.enum(REJECTED_BECAUSE).nullable(),
  differences: z.array(z.object({ field: z.string(), entered: z.string().nullable(), found: z.string().nullable() })),
  enteredAt: IsoInstant,
  checkedAt: IsoInstant.nullable(),
  resolvedAt: IsoInstant.nullable(),
  resolvedBy: z.string().nullable(),
});
export type IdentityCheckInfo = z.infer<typeof IdentityCheckInfo>;

export const ApplicationDetail = ApplicationSummary.extend({
  applicant: Applicant,
  /** Data entered by hand while the gateway was down, and its check; empty when the databases gave it at intake. */
  identityChecks: z.array(IdentityCheckInfo),
  representation: Representation,
  /** The clerk who opened it (a draft is theirs alone). */
  createdBy: Id,
  executorId: Id.nullable(),
  slots: z.array(DocumentSlot),
  checklist: z.array(ChecklistEntry),
  /** The executor's draft of the licence, null until saved. */
  licenceDraft: LicenceDraft.nullable(),
  decision: DecisionInfo.nullable(),
  /** Decided at another desk of the office, its signed PDF not here yet (or not what the registry named: the problem). */
  decisionElsewhere: z.object({ number: z.string(), problem: z.string().nullable() }).nullable(),
  sync: ApplicationSync,
  steps: z.array(StepHistoryEntry),
  handout: HandoutInfo.nullable(),
  /** The executor found the documents incomplete: the missing ones (slot codes) and why, for the head to sign. */
  considerationRefusal: z.object({ missing: z.array(z.string()), reason: z.string() }).nullable(),
  /** The licence a reissue or a duplicate is asked for, as it stands now. */
  original: LicenceFound.nullable(),
  /** The licence this application was issued, as it stands now (reissued since, suspended, …). */
  licence: LicenceFound.nullable(),
  /**
   * The application's deadlines run into calendar years this desk lacks (counted Monday to Friday only)
   * or has only as drawn up before their decree: said beside the deadlines, never guessed silently.
   */
  calendarWarning: z.object({ missingYears: z.array(z.number().int()), provisionalYears: z.array(z.number().int()) }).nullable(),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetail>;

export const applicationCalls = {
  'applicants.lookup': call({
    args: z.object({ idn: Idn, kind: ApplicantKind }).strict(),
    result: Applicant,
    access: ['clerk'],
  }),
  'poa.lookup': call({
    args: z.object({ registryNumber: z.string().trim().regex(/^[0-9A-Za-z-]{4,32}$/) }).strict(),
    result: PowerOfAttorney,
    access: ['clerk'],
  }),
  'applications.createDraft': call({
    args: z
      .object({
        serviceCode: Code,
        procedure: ProcedureCode,
        applicantKind: ApplicantKind,
        applicantIdn: Idn,
        representation: RepresentationInput,
        /** The licence a reissue or a duplicate is asked for (from 'licences.find'); none for an issue. */
        originalNumber: LicenceNumber.optional(),
        /** Used only when the gateway does not answer: the application is then marked not verified. */
        applicantEntered: ApplicantEntered.optional(),
      })
      .strict(),
    result: ApplicationDetail,
    access: ['clerk'],
  }),
  /** Asks the state databases now about data entered by hand (the background check does so by itself too). */
  'applications.checkIdentity': call({
    args: z.object({ id: Id }).strict(),
    result: ApplicationDetail,
    access: ['clerk', 'executor', 'head'],
    target: application('id', 'read'),
  }),
  /** The clerk takes the state databases' data in place of what was entered by hand. */
  'applications.resolveIdentity': call({
    args: z.object({ id: Id, subject: z.enum(IDENTITY_SUBJECTS) }).strict(),
    result: ApplicationDetail,
    access: ['clerk'],
    target: application('id', 'change'),
  }),
  /** The office's licences by number (its beginning), the holder's IIN/BIN or name: the original of a reissue or a duplicate. */
  'licences.find': call({
    /** Within one service when given (a reissue or duplicate is asked under the licence's own service). */
    args: z.object({ search: Line(100), serviceCode: z.string().max(64).optional() }).strict(),
    result: z.array(LicenceFound).max(LICENCES_FOUND_MAX),
    access: 'signed-in',
  }),
  'applications.discardDraft': call({ args: z.object({ id: Id }).strict(), result: Ok, access: ['clerk'], target: application('id', 'change') }),
  'applications.get': call({ args: z.object({ id: Id }).strict(), result: ApplicationDetail, access: 'signed-in', target: application('id', 'read') }),
  'applications.journal': call({
    args: JournalView.extend({
      /** A page in the view's order: at most `limit` rows, those after the row `after` (the last one shown). */
      limit: z.number().int().min(1).max(JOURNAL_PAGE_MAX).default(JOURNAL_PAGE_MAX),
      after: Id.optional(),
    }).strict(),
    result: z.array(ApplicationSummary),
    access: 'signed-in',
  }),
  /** How many applications the journal's view holds. */
  'applications.journalCount': call({
    args: JournalView,
    result: z.object({ count: z.number().int() }),
    access: 'signed-in',
  }),
  /** What waits on this user's hand (or their role's), the most urgent first. */
  'applications.myWork': call({
    args: z.object({}).strict(),
    result: z.array(ApplicationSummary),
    access: 'signed-in',
  }),
  /** The clerk certifies the filled form with their EDS key as the application is registered. */
  'applications.register': call({
    args: z.object({ id: Id, ...KeyInput, ...KeyChoice }).strict(),
    result: ApplicationDetail,
    access: ['clerk'],
    target: application('id', 'change'),
  }),
  'applications.verifyForm': call({
    args: z.object({ id: Id }).strict(),
    result: z.object({
      valid: z.boolean(),
      signingTime: z.string().nullable(),
      signer: SignatureReport.shape.signer,
      chainTrusted: z.boolean().nullable(),
      timestamp: TimestampReport.nullable(),
      problems: z.array(z.string()),
    }),
    access: 'signed-in',
    target: application('id', 'read'),
  }),
  'applications.assign': call({
    args: z.object({ id: Id, executorId: Id }).strict(),
    result: ApplicationDetail,
    access: ['head'],
    target: application('id', 'change'),
  }),
  'applications.returnToExecutor': call({
    args: z.object({ id: Id, note: Paragraph(2000) }).strict(),
    result: ApplicationDetail,
    access: ['head'],
    target: application('id', 'change'),
  }),
  /** The executor found the documents complete: the completeness check ends, the examination begins. */
  'applications.confirmComplete': call({
    args: z.object({ id: Id }).strict(),
    result: ApplicationDetail,
    access: ['executor'],
    target: application('id', 'change'),
  }),
  /** Within the completeness check: the documents are incomplete; a refusal of further consideration goes to the head. */
  'applications.proposeConsiderationRefusal': call({
    args: z.object({ id: Id, missing: z.array(Code).min(1).max(50), reason: Paragraph(4000) }).strict(),
    result: ApplicationDetail,
    access: ['executor'],
    target: application('id', 'change'),
  }),
  'applications.submitForDecision': call({
    args: z.object({ id: Id }).strict(),
    result: ApplicationDetail,
    access: ['executor'],
    target: application('id', 'change'),
  }),
  /** The clerk records that the result was handed over (when, to whom, how): the application is closed. */
  'applications.handOut': call({
    args: z.object({ id: Id, handedAt: IsoInstant, recipient: Line(200), recipientIdn: Idn.nullable(), method: HandoutMethod }).strict(),
    result: ApplicationDetail,
    access: ['clerk'],
    target: application('id', 'change'),
  }),
  /** The seeds' two-question survey, as the applicant answered it. */
  'applications.recordSurvey': call({
    args: z.object({ id: Id, process: SurveyAnswer, information: SurveyAnswer }).strict(),
    result: ApplicationDetail,
    access: ['clerk'],
    target: application('id', 'change'),
  }),
  'checklist.set': call({
    args: z
      .object({ applicationId: Id, itemCode: Code, met: z.boolean(), note: Paragraph(2000, 0) })
      .strict(),
    result: ApplicationDetail,
    access: ['executor'],
    target: application('applicationId', 'change'),
  }),
  /** Points a checklist item at the page of an attached document that proves it, or (null) at none. */
  'checklist.setEvidence': call({
    args: z.object({ applicationId: Id, itemCode: Code, evidence: DocumentPage.nullable() }).strict(),
    result: ApplicationDetail,
    access: ['executor'],
    target: application('applicationId', 'change'),
  }),
} as const;
