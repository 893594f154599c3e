import { z } from 'zod';
import { IDENTITY_STATES, IDENTITY_SUBJECTS, REJECTED_BECAUSE, UNVERIFIED_BECAUSE } from '../applications/identity-check';
import { Code, Day, DocumentFileName, Facts, Idn, Instant, MAX_STORED_FILE_BYTES, Name, Note, OfficeNumber, Sha256, Warnings } from './values';

/**
 * Everything the office records of itself, one schema per kind of event. Each is either audit-only
 * (the office's own tamper-evident trail: sign-ins, page edits, settings) or also owed to the central
 * licence registry (what the registry must learn of an application: its registration, its hand-offs,
 * its decision). The events table holds both, in one hash chain; the sync client sends only the latter.
 */
export type Destination = 'audit-only' | 'to-registry';


function defineEvent<T extends string, E extends string, P extends z.ZodRawShape>(type: T, entity: E, destination: Destination, payload: P) {
  return z
    .object({ type: z.literal(type), entity: z.literal(entity), payload: z.object(payload).strict().default({} as never) })
    .meta({ destination });
}

const audit = <T extends string, E extends string, P extends z.ZodRawShape>(type: T, entity: E, payload: P) => defineEvent(type, entity, 'audit-only', payload);
const registry = <T extends string, E extends string, P extends z.ZodRawShape>(type: T, entity: E, payload: P) => defineEvent(type, entity, 'to-registry', payload);

/** How the result reached the applicant, and the seeds' survey answers (not satisfied / partly / satisfied). */
export const HANDOUT_METHODS = ['in-person', 'representative', 'post', 'electronic'] as const;
export const SURVEY_ANSWERS = ['not-satisfied', 'partly', 'satisfied'] as const;

/** The documents the executor found missing (slot codes), and why: a refusal of further consideration, proposed. */
export const IncompleteDocuments = z.object({ missing: z.array(Code).min(1).max(50), reason: Note(4000, 1) }).strict();
export type IncompleteDocuments = z.output<typeof IncompleteDocuments>;

/** The executor's checklist as handed on: each item's answer and note, and the page they pointed it at. */
export const ChecklistAnswers = z
  .array(
    z
      .object({
        itemCode: Code,
        met: z.boolean(),
        note: Note(2000),
        evidence: z.object({ documentId: z.uuid(), page: z.number().int().min(1).max(10_000) }).strict().optional(),
      })
      .strict(),
  )
  .max(200);
export type ChecklistAnswers = z.output<typeof ChecklistAnswers>;

/** The executor's draft of the licence (migration 28), sent with the application to the head wherever they sit. */
export const LicenceDraftFacts = z
  .object({
    subtypes: z.array(z.number().int().min(0).max(99)).max(100),
    productionBase: Name(500),
    specialConditions: Note(2000),
    validUntil: Day.nullable(),
  })
  .strict();
export type LicenceDraftFacts = z.output<typeof LicenceDraftFacts>;

const Decided = {
  decisionId: z.uuid(),
  pdfSha256: Sha256,
  warnings: Warnings,
  // The text of the document's QR code (absent in entries written before sync existed).
  qr: Name(2000).optional(),
};
const LICENCE_OR_DUPLICATE = /^KZ\d{2}[A-Z]{3}\d{8}(-D[1-9]\d{0,3})?$/;

/**
 * Facts of an application inside the office that move no status: the completeness check ended, the
 * result handed out, the survey answered. The registry relays them to the office's other desks as they are.
 */
const OFFICE_FACTS = [
  registry('application.completeness-confirmed', 'application', {}),
  registry('application.handed-out', 'application', {
    handedAt: Instant,
    method: z.enum(HANDOUT_METHODS),
    recipient: Name(200),
    recipientIdn: Idn.nullable(),
  }),
  registry('application.survey-recorded', 'application', { process: z.enum(SURVEY_ANSWERS), information: z.enum(SURVEY_ANSWERS) }),
  // Data entered by hand, checked against the state databases (at whichever desk reached them first) …
  registry('application.identity-checked', 'application', {
    subject: z.enum(IDENTITY_SUBJECTS),
    state: z.enum(['confirmed', 'differs', 'rejected']),
    rejectedBecause: z.enum(REJECTED_BECAUSE).nullable(),
    found: Facts.nullable(),
    differences: z.array(z.object({ field: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/), entered: Name(1000).nullable(), found: Name(1000).nullable() }).strict()).max(20),
  }),
  // … and the databases' data taken in its place by the clerk: every desk then works with what was taken.
  registry('application.identity-resolved', 'application', { subject: z.enum(IDENTITY_SUBJECTS), found: Facts }),
] as const;
export const OfficeFact = z.discriminatedUnion('type', OFFICE_FACTS);
export const OFFICE_FACT_TYPES: ReadonlySet<string> = new Set(OFFICE_FACTS.map((f) => f.shape.type.value));

/** What the registry must learn of: the application's way through the office, and its decision. */
const Applicant = z.object({ kind: z.enum(['legal', 'individual']), idn: Idn, name: Name(300), nameKk: Name(300).nullable() }).strict();
export const REGISTRY_EVENTS = [
  registry('application.registered', 'application', {
    journalNumber: OfficeNumber('journal'),
    dueDate: Day,
    formSha256: Sha256,
    signerIin: Idn.nullable(),
    warnings: Warnings,
    // What the registry records of the application (absent in entries written before sync existed).
    serviceCode: Code.optional(),
    procedure: z.enum(['issue', 'reissue', 'duplicate']).optional(),
    applicant: Applicant.optional(),
    // What another desk of the office needs to take the application up: the full record and its documents.
    details: z
      .object({
        catalogueVersion: Name(40),
        applicant: Facts,
        representation: Facts,
        formCmsSha256: Sha256.nullable(),
        // The licence a reissue or a duplicate is asked for.
        originalNumber: z.string().regex(/^KZ\d{2}[A-Z]{3}\d{8}$/).optional(),
        // The applicant or PoA entered by hand while the gateway was down, as certified: the other desk checks them itself.
        identity: z
          .array(z.object({ subject: z.enum(IDENTITY_SUBJECTS), enteredBecause: z.enum(UNVERIFIED_BECAUSE), entered: Facts }).strict())
          .max(IDENTITY_SUBJECTS.length)
          .optional(),
      })
      .strict()
      .optional(),
    documents: z
      .array(
        z
          .object({
            id: z.uuid(),
            slotCode: Code,
            fileName: DocumentFileName,
            mime: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
            size: z.number().int().nonnegative().max(MAX_STORED_FILE_BYTES),
            sha256: Sha256,
            pages: z.number().int().nonnegative().max(10_000),
          })
          .strict(),
      )
      .max(200)
      .optional(),
  }),
  registry('application.assigned', 'application', { executorId: z.uuid() }),
  // The executor's answers go with the application to the head, who may sit at another desk.
  // Or the executor's finding that the documents are incomplete, for the head to sign as a refusal of further consideration.
  registry('application.submitted-for-decision', 'application', { checklist: ChecklistAnswers.optional(), draft: LicenceDraftFacts.optional(), incomplete: IncompleteDocuments.optional() }),
  registry('application.returned-to-executor', 'application', { note: Note(2000) }),
  // A reissue names the licence it replaces (the registry marks that one reissued and links the two).
  registry('licence.issued', 'application', { ...Decided, number: z.string().regex(LICENCE_OR_DUPLICATE), originalNumber: z.string().regex(/^KZ\d{2}[A-Z]{3}\d{8}$/).optional() }),
  registry('licence.refused', 'application', { ...Decided, number: OfficeNumber('refusal') }),
  // Steps inside the office that move no status; the other desks of the office learn of them through the registry.
  ...OFFICE_FACTS,
] as const;

export type OfficeFact = z.output<typeof OfficeFact>;

const EVENTS = [
  // People and the office itself.
  audit('authority.configured', 'authority', { nameKk: z.string(), nameRu: z.string(), bin: z.string(), placeKk: z.string(), placeRu: z.string(), officeCode: z.string() }),
  audit('user.created', 'user', { username: z.string(), roles: z.array(z.string()) }),
  // Someone at another desk of the office, as their desk lists them (relayed by the registry).
  audit('user.listed', 'user', { username: z.string(), roles: z.array(z.string()), active: z.boolean(), desk: z.string() }),
  audit('user.login', 'user', { method: z.literal('key').optional(), certificate: z.string().optional() }),
  audit('user.login-failed', 'user', { failures: z.number().int() }),
  audit('user.locked', 'user', { failures: z.number().int() }),
  // (Written as 'settings.changed' before these three had types of their own; such entries stay as they were.)
  audit('settings.scan-folders', 'authority', { roots: z.array(z.string()), rejected: z.enum(['leave', 'move']) }),
  audit('settings.stale-rule', 'trust', { rule: z.enum(['warn', 'block']) }),
  audit('settings.office-hours', 'authority', { opens: z.string(), closes: z.string(), lunchFrom: z.string(), lunchTo: z.string() }),
  // A calendar year an administrator imported by hand (the registry's years arrive as reference.received).
  audit('calendar.imported', 'reference', { year: z.number().int(), provisional: z.boolean(), daysOff: z.number().int(), workingWeekends: z.number().int() }),
  // The desk's backups: taken (by whom, or the schedule), and the daily schedule set or cleared (never the passphrase).
  audit('backup.taken', 'authority', { folder: z.string(), files: z.number().int(), newFiles: z.number().int(), scheduled: z.boolean() }),
  audit('backup.scheduled', 'authority', { folder: z.string().nullable(), hour: z.number().int().nullable() }),
  audit('settings.network', 'trust', { online: z.boolean(), tsaUrl: z.string().nullable(), tsaPolicy: z.string().nullable().optional(), ocspUrl: z.string().nullable() }),
  // Trust in the NCA.
  audit('trust.added', 'trust', { subject: z.string() }),
  // Reference data the registry published for every office: kept, or passed over (and why).
  audit('reference.received', 'reference', { kind: z.enum(['catalogue', 'calendar']), key: z.string() }),
  audit('reference.skipped', 'reference', { kind: z.string(), reason: z.string() }),
  audit('crl.imported', 'trust', { kind: z.enum(['full', 'delta']), crlNumber: z.number().nullable(), entries: z.number().int(), source: z.string() }),
  // Capture: the clerk's tray and scan folders.
  audit('pages.scanned', 'user', {
    device: z.string(),
    pages: z.number().int(),
    straightened: z.number().int(),
    source: z.enum(['import', 'hot-folder']).optional(),
    fileName: z.string().optional(),
    sha256: Sha256.optional(),
    settings: z.object({ source: z.string(), mode: z.string(), resolution: z.number() }).optional(),
    problem: z.string().nullable().optional(),
  }),
  audit('page.edited', 'user', { pageId: z.string(), edit: z.looseObject({ kind: z.string() }) }),
  audit('scanner.added', 'user', { url: z.string(), name: z.string() }),
  audit('scanner.removed', 'user', { url: z.string() }),
  audit('hot-folder.set', 'user', { path: z.string().nullable(), leftAlone: z.number().int() }),
  audit('hot-folder.refused', 'user', { fileName: z.string(), sha256: Sha256, problem: z.string().nullable() }),
  // An application's draft and its documents: the office's own until registration.
  audit('application.drafted', 'application', {
    serviceCode: z.string(),
    procedure: z.string(),
    applicantIdn: z.string(),
    originalNumber: z.string().optional(),
    // Entered by hand while the gateway did not answer: checked against the databases later.
    unverified: z.array(z.enum(IDENTITY_SUBJECTS)).optional(),
  }),
  // The state databases' answer on data entered by hand (no actor: the background check), and the clerk taking their data.
  // While the application is a draft (the registry does not know it yet); once registered, the office's facts above.
  audit('identity.checked', 'application', { subject: z.enum(IDENTITY_SUBJECTS), state: z.enum(IDENTITY_STATES), differences: z.number().int() }),
  audit('identity.resolved', 'application', { subject: z.enum(IDENTITY_SUBJECTS) }),
  audit('application.discarded', 'application', {}),
  audit('document.attached', 'document', { applicationId: z.string(), slotCode: z.string(), sha256: Sha256 }),
  audit('document.removed', 'document', { applicationId: z.string() }),
  audit('document.paper-marked', 'application', { slotCode: z.string(), presented: z.boolean() }),
  audit('document.signed', 'document', { signerIin: z.string().nullable(), inputSha256: Sha256, warnings: Warnings }),
  audit('checklist.set', 'application', { itemCode: z.string(), met: z.boolean() }),
  audit('licence.drafted', 'application', { subtypes: z.array(z.number().int()), productionBase: z.string(), specialConditions: z.string(), validUntil: z.string().nullable() }),
  audit('checklist.evidence-set', 'application', { itemCode: z.string(), evidence: z.object({ documentId: z.string(), page: z.number().int() }).nullable() }),
  // What this desk took from the registry: an application registered at another desk, a step taken there.
  audit('application.received', 'application', { registryNumber: z.string(), journalNumber: z.string(), officeCode: z.string() }),
  audit('application.synced', 'application', { from: z.string(), to: z.string(), registryNumber: z.string().nullable() }),
  audit('application.fact-received', 'application', { type: z.string(), at: z.string() }),
  // The head's attempt to sign refused before anything was signed: the key, its password, its certificate (its reason code).
  audit('decision.signing-refused', 'application', { kind: z.enum(['licence', 'refusal', 'consideration-refusal']), reason: z.string().max(100) }),
  // A decision signed at another desk: its signed PDF fetched, checked and recorded here — or found not to be what the registry named.
  audit('decision.received', 'application', { number: z.string(), kind: z.enum(['licence', 'refusal']), pdfSha256: z.string() }),
  audit('decision.refused-from-registry', 'application', { number: z.string(), problem: z.string() }),
  ...REGISTRY_EVENTS,
] as const;

/** What happened: its kind, what it is about, and what it carries. */
export const OfficeEvent = z.discriminatedUnion('type', EVENTS);
export type OfficeEvent = z.output<typeof OfficeEvent>;
/** An event as a service writes it (an empty payload may be left out). */
export type OfficeEventInput = z.input<typeof OfficeEvent>;
export type EventType = OfficeEvent['type'];

/** The registry's share of the events, by type. */
export const REGISTRY_EVENT_TYPES: ReadonlySet<string> = new Set(EVENTS.filter((e) => e.meta()?.destination === 'to-registry').map((e) => e.shape.type.value));

export function destinationOf(type: string): Destination {
  return REGISTRY_EVENT_TYPES.has(type) ? 'to-registry' : 'audit-only';
}
