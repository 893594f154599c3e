import { z } from 'zod';
import { ChecklistAnswers, IncompleteDocuments, LicenceDraftFacts, OfficeFact, REGISTRY_EVENTS } from '../events/office-events';
import { ApplicationStatus, Role } from '../applications/status';
import { LicenceNumber, LICENCE_YEAR } from './licence-numbers';
import { OFFICE_SERIES } from './office-numbers';
import { Catalogue } from '../catalogue/catalogue';
import { CalendarYear } from '../calendar/working-days';
import { Instant, MAX_STORED_FILE_BYTES, Sha256 } from '../events/values';

/**
 * What a desk and the central registry say to each other, checked on both sides. Push follows
 * Replicache's rules: each desk (client) numbers its commands 1, 2, 3…; the registry applies a command
 * only if its number is the desk's last applied + 1, records the outcome (accepted, or rejected for good
 * with a reason) and the new last number in one transaction, so a resent batch changes nothing and gets
 * the same answers back.
 */

export const ClientId = z.uuid();
export const Sha256Hex = Sha256;
export const MutationId = z.number().int().positive().max(2 ** 31 - 1);

/** The most commands one push carries, and the most bytes of any JSON request. */
export const MAX_PUSH_COMMANDS = 200;
export const MAX_JSON_BYTES = 1024 * 1024;
/** A file (a signed licence, a scan) goes up in chunks of at most this size. */
export const MAX_CHUNK_BYTES = 4 * 1024 * 1024;
export const MAX_FILE_BYTES = MAX_STORED_FILE_BYTES;

/**
 * One command: an event the registry must learn of, as the office recorded it. Each kind is one strict
 * object (an unknown field anywhere is refused) whose payload must be there: the desk checks what it
 * sends against this schema and the registry what it receives, so every change the registry stores from
 * it is one the desks can pull.
 */
const header = { mutationId: MutationId, eventId: z.uuid(), applicationId: z.uuid(), at: Instant };
const commandOf = <E extends RegistryEvent>(event: E) =>
  z.object({ ...header, type: event.shape.type, entity: event.shape.entity, payload: event.shape.payload.unwrap() }).strict();
type RegistryEvent = (typeof REGISTRY_EVENTS)[number];
type CommandSchema<E extends RegistryEvent> = z.ZodObject<
  typeof header & { type: E['shape']['type']; entity: E['shape']['entity']; payload: ReturnType<E['shape']['payload']['unwrap']> },
  z.core.$strict
>;
type MapToCommands<T extends readonly RegistryEvent[]> = { -readonly [K in keyof T]: T[K] extends RegistryEvent ? CommandSchema<T[K]> : never };
export const Command = z.discriminatedUnion('type', REGISTRY_EVENTS.map(commandOf) as unknown as MapToCommands<typeof REGISTRY_EVENTS>);
export type Command = z.output<typeof Command>;
export type CommandType = Command['type'];

/**
 * The head of the desk's audit chain (its last entry's number and hash) as it pushes: the registry keeps
 * each one, so a rewrite of anything the desk had anchored is caught by `ajo audit verify`, however
 * consistently the rewritten chain hashes.
 */
export const AuditHead = z.object({ seq: z.number().int().positive(), hash: Sha256 }).strict();
export type AuditHead = z.output<typeof AuditHead>;
export const PushRequest = z.object({ clientId: ClientId, commands: z.array(Command).min(1).max(MAX_PUSH_COMMANDS), auditHead: AuditHead.optional() }).strict();
export const AuditAnchorRequest = z.object({ clientId: ClientId }).strict();
/** The latest head the registry holds of this desk's chain, and when it arrived. */
export const AuditAnchorResponse = z.object({ anchor: AuditHead.extend({ at: z.iso.datetime({ offset: true }) }).nullable() }).strict();
export type AuditAnchorResponse = z.output<typeof AuditAnchorResponse>;
export type PushRequest = z.output<typeof PushRequest>;

/** Why the registry refused a command for good; shown on the application, never retried. */
export const REJECTIONS = [
  'application-unknown',
  'application-exists',
  'not-this-office',
  'transition-not-allowed',
  'service-unknown',
  'licence-number-used',
  'licence-number-not-leased',
  'decision-number-used',
  'signature-invalid',
  'signer-not-of-this-authority',
  'untrusted-chain',
  'not-signed',
  'registration-incomplete',
  'original-licence-unknown',
  'original-licence-not-current',
  'original-only-for-reissue',
  'number-of-another-office',
  'date-out-of-range',
] as const;
export const Rejection = z.enum(REJECTIONS);
export type Rejection = z.output<typeof Rejection>;

export const CommandResult = z.discriminatedUnion('outcome', [
  z.object({ mutationId: MutationId, outcome: z.literal('accepted'), registryNumber: z.string().nullable() }).strict(),
  z.object({ mutationId: MutationId, outcome: z.literal('rejected'), reason: Rejection }).strict(),
]);
export type CommandResult = z.output<typeof CommandResult>;

export const PushResponse = z
  .object({
    lastMutationId: z.number().int().nonnegative(),
    results: z.array(CommandResult),
    /** The first command not applied names files the registry does not have whole yet: upload them, push again. */
    waitingForFiles: z.array(Sha256Hex),
  })
  .strict();
export type PushResponse = z.output<typeof PushResponse>;

/** What changed at the registry that the desk must learn of, in the order it changed. */
const Registered = REGISTRY_EVENTS[0].shape.payload.unwrap().shape;
/** An application as the registry hands it to the other desks of its authority. */
export const ApplicationRecord = z
  .object({
    journalNumber: z.string(),
    registeredAt: z.iso.datetime({ offset: true }),
    dueDate: z.string(),
    formSha256: Sha256Hex,
    serviceCode: z.string(),
    procedure: z.enum(['issue', 'reissue', 'duplicate']),
    details: Registered.details.unwrap().nullable(),
    documents: Registered.documents.unwrap(),
  })
  .strict();
export type ApplicationRecord = z.output<typeof ApplicationRecord>;

/**
 * A desk's own users, as it tells the registry (the whole list each time it changes; one missing from
 * it has left): the other desks of the office show them — an executor at one desk can be given an
 * application by the head at another. No password or key ever leaves the desk.
 */
export const DeskUser = z
  .object({ id: z.uuid(), username: z.string().min(1).max(64), fullName: z.string().min(1).max(200), roles: z.array(Role).max(8), active: z.boolean() })
  .strict();
export type DeskUser = z.output<typeof DeskUser>;
export const MAX_DESK_USERS = 1000;
export const DeskUsersRequest = z.object({ clientId: ClientId, users: z.array(DeskUser).max(MAX_DESK_USERS) }).strict();
export const DeskUsersResponse = z.object({ changed: z.number().int().nonnegative() }).strict();

/** A reference file as the registry publishes it (a CA certificate, a CRL): DER in base64. */
export const MAX_REFERENCE_BYTES = 16 * 1024 * 1024;
const Der = z.base64().max(Math.ceil(MAX_REFERENCE_BYTES / 3) * 4);

/**
 * What every office needs alike, published by the registry's administrator: the services catalogue,
 * a year of the working calendar, an NCA certificate to trust, a CRL. A newer publication of the same
 * thing (a calendar year corrected, an issuer's next CRL) supersedes the older, which desks then no
 * longer pull.
 */
export const ReferenceChange = z.discriminatedUnion('kind', [
  z.object({ seq: z.number().int().positive(), kind: z.literal('reference.catalogue'), catalogue: Catalogue }).strict(),
  z.object({ seq: z.number().int().positive(), kind: z.literal('reference.calendar'), calendar: CalendarYear }).strict(),
  z.object({ seq: z.number().int().positive(), kind: z.literal('reference.certificate'), sha256: Sha256Hex, der: Der }).strict(),
  z.object({ seq: z.number().int().positive(), kind: z.literal('reference.crl'), sha256: Sha256Hex, der: Der }).strict(),
]);
export type ReferenceChange = z.output<typeof ReferenceChange>;

/** A decision signed at a desk, as the office's other desks learn of it: its signed PDF is fetched by its digest. */
export const SignedDecisionRef = z.object({ decisionId: z.uuid(), number: z.string().min(1).max(40), pdfSha256: Sha256Hex }).strict();
export type SignedDecisionRef = z.output<typeof SignedDecisionRef>;

export const Change = z.discriminatedUnion('kind', [
  ...ReferenceChange.options,
  z
    .object({
      seq: z.number().int().positive(),
      kind: z.literal('application.registered'),
      applicationId: z.uuid(),
      registryNumber: z.string(),
      officeCode: z.string(),
      record: ApplicationRecord,
    })
    .strict(),
  z
    .object({
      seq: z.number().int().positive(),
      kind: z.literal('application.status'),
      applicationId: z.uuid(),
      /** The command that made it, by the desk's own number (absent in changes recorded before issue 30). */
      mutationId: MutationId.optional(),
      status: ApplicationStatus,
      at: z.iso.datetime({ offset: true }),
      executorId: z.string().nullable(),
      /** The desk that took the step (which has it already). */
      clientId: ClientId,
      /** Sent for a decision: the executor's checklist, for the head wherever they sit. */
      checklist: ChecklistAnswers.optional(),
      /** … and their draft of the licence's own fields. */
      draft: LicenceDraftFacts.optional(),
      /** Or the documents found incomplete: a refusal of further consideration for the head to sign. */
      incomplete: IncompleteDocuments.optional(),
      /** Decided: the signed decision, which the office's other desks fetch to print and hand out. */
      decision: SignedDecisionRef.optional(),
    })
    .strict(),
  z
    .object({
      seq: z.number().int().positive(),
      kind: z.literal('application.fact'),
      applicationId: z.uuid(),
      mutationId: MutationId.optional(),
      at: z.iso.datetime({ offset: true }),
      /** The desk that recorded it (which has it already). */
      clientId: ClientId,
      fact: OfficeFact,
    })
    .strict(),
  z
    .object({
      seq: z.number().int().positive(),
      kind: z.literal('office.user'),
      /** One person of an office as their own desk lists them (they sign in there only). */
      user: DeskUser,
      officeCode: z.string(),
      desk: z.object({ clientId: ClientId, name: z.string() }).strict(),
    })
    .strict(),
  z
    .object({
      seq: z.number().int().positive(),
      kind: z.literal('licence.status'),
      number: LicenceNumber,
      applicationId: z.uuid(),
      status: z.enum(['active', 'reissued', 'suspended', 'revoked']),
    })
    .strict(),
]);
export type Change = z.output<typeof Change>;

export function isReferenceChange(change: Change): change is ReferenceChange {
  return change.kind.startsWith('reference.');
}

export const PullRequest = z.object({ clientId: ClientId, cursor: z.number().int().nonnegative() }).strict();
export const PULL_PAGE = 500;
/** A page stops growing past this many bytes of changes (it holds at least one, whatever its size). */
export const PULL_PAGE_BYTES = 4 * 1024 * 1024;
/** The most bytes of any answer a desk reads: a page, or a file. */
export const MAX_ANSWER_BYTES = MAX_FILE_BYTES + 1024 * 1024;
export const PullResponse = z.object({ cursor: z.number().int().nonnegative(), changes: z.array(Change).max(PULL_PAGE), more: z.boolean() }).strict();
export type PullResponse = z.output<typeof PullResponse>;

/** How much of each file the registry has, asked for a batch at once (a cut upload resumes from there). */
export const FileStateRequest = z.object({ clientId: ClientId, files: z.array(Sha256Hex).min(1).max(MAX_PUSH_COMMANDS * 4) }).strict();
export const FileStateResponse = z.object({ files: z.record(z.string(), z.object({ offset: z.number().int().nonnegative(), complete: z.boolean() }).strict()) }).strict();

/**
 * A block of numbers leased to a desk, for it to use while offline: licence numbers (the national
 * sequence), or the office's journal or refusal numbers (its own sequence; the year is 20YY).
 */
export const MAX_LEASE = 10_000;
export const NumberSeries = z.enum(['licence', ...OFFICE_SERIES]);
export type NumberSeries = z.output<typeof NumberSeries>;
export const LeaseRequest = z.object({ clientId: ClientId, leaseId: z.uuid(), series: NumberSeries.default('licence'), year: LICENCE_YEAR, size: z.number().int().min(1).max(MAX_LEASE) }).strict();
export const Lease = z
  .object({ leaseId: z.uuid(), series: NumberSeries.default('licence'), year: LICENCE_YEAR, letters: z.string().regex(/^[A-Z]{3}$/), first: z.number().int().positive(), last: z.number().int().positive() })
  .strict();
export type Lease = z.output<typeof Lease>;

export const EnrolRequest = z
  .object({
    code: z.string().regex(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){3}$/),
    csrPem: z.string().max(8192),
    clientId: ClientId,
    deskName: z.string().min(1).max(100),
  })
  .strict();
export type EnrolRequest = z.output<typeof EnrolRequest>;
export const EnrolResponse = z
  .object({
    certificatePem: z.string(),
    caPem: z.string(),
    authorityBin: z.string().regex(/^\d{12}$/),
    officeCode: z.string(),
    /** A desk enrolled again after it diverged goes on numbering its commands after this one (0 for a new desk). */
    lastMutationId: z.number().int().nonnegative().max(2 ** 31 - 1).default(0),
    /** Where the public checks a licence (its QR codes link there); absent from a registry that serves no public check. */
    publicCheckUrl: z.url({ protocol: /^https?$/ }).max(200).optional(),
    /** HMAC-SHA256 under the one-time code of caPem + certificatePem: the desk trusts the CA only if it matches. */
    mac: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type EnrolResponse = z.output<typeof EnrolResponse>;

/** The public check of a licence, as anyone may ask it. */
export const PublicLicence = z
  .object({
    number: LicenceNumber,
    /** What it is: a licence, or (the ecological expertise) a conclusion — never called the other. */
    kind: z.enum(['licence', 'conclusion']),
    /** The service it was issued under, in both languages (null: a service the registry's catalogue no longer has). */
    service: z.object({ kk: z.string(), ru: z.string() }).strict().nullable(),
    /** Asked for by a duplicate's own number: that copy (the licence's status is the copy's). */
    duplicate: z.object({ number: z.string().regex(/^KZ\d{2}[A-Z]{3}\d{8}-D[1-9]\d{0,3}$/), issuedAt: z.string() }).strict().nullable(),
    status: z.enum(['active', 'reissued', 'suspended', 'revoked']),
    /** The IIN/BIN masked but for its last four digits. */
    holder: z.object({ name: z.string(), idn: z.string().regex(/^•{8}\d{4}$/) }).strict(),
    serviceCode: z.string(),
    issuedAt: z.string(),
    authorityBin: z.string(),
    /** The licence this one reissued, and the one that reissued this one. */
    reissues: LicenceNumber.nullable(),
    reissuedAs: LicenceNumber.nullable(),
  })
  .strict();
export type PublicLicence = z.output<typeof PublicLicence>;

/** How the registry says no: a code the desk maps to a message, and no partial effect. */
export const RegistryError = z.object({ error: z.string(), detail: z.string().optional() }).strict();
