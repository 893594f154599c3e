import { z } from 'zod';
import { isValidIdn } from '../ids/iin-bin';
import { ApplicantKind, Catalogue, Code, ProcedureCode } from '../catalogue/catalogue';
import { ApplicationStatus, Role } from '../applications/status';
import { Line, Paragraph } from './text';
import type { Use } from '../applications/ownership';

/**
 * The API contract: one entry per call, with the schema of its arguments, of its result, and who may
 * make it. It is the single source of types for the core (main), the preload bridge and the renderer,
 * and the router validates every call against it before any handler runs.
 */
export type Access = 'public' | 'signed-in' | readonly Role[];

/**
 * The application a call acts on, named by one of its arguments (the application's id, or a document's
 * or decision's id that leads to it), and whether the call reads or changes it. The router resolves it
 * and checks ownership (domain/applications/ownership) beside the role, before any handler runs.
 */
export interface Target {
  kind: 'application' | 'document' | 'decision';
  arg: string;
  use: Use;
}

interface CallSpec<A extends z.ZodType, R extends z.ZodType> {
  args: A;
  result: R;
  access: Access;
  target?: Target;
}
const application = (arg: 'id' | 'applicationId', use: Use): Target => ({ kind: 'application', arg, use });
function call<A extends z.ZodType, R extends z.ZodType>(spec: CallSpec<A, R>): CallSpec<A, R> {
  return spec;
}

export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;
export const MAX_KEY_FILE_BYTES = 64 * 1024;
const base64Limit = (bytes: number) => Math.ceil(bytes / 3) * 4;
const Base64 = (maxBytes: number) =>
  z.string().min(1).max(base64Limit(maxBytes)).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

export const Idn = z.string().refine(isValidIdn, { message: 'idn' });
export const Id = z.uuid();
const Empty = z.object({}).strict();
const Ok = z.object({ ok: z.literal(true) });
/** A file's name as the user's system gave it; shown to others, so held to the same rules as names. */
const FileName = Line(255);
const IsoInstant = z.iso.datetime({ offset: true });
const IsoDate = z.iso.date();

export const User = z.object({
  id: Id,
  username: z.string(),
  fullName: z.string(),
  iin: z.string().nullable(),
  roles: z.array(Role),
});
export type User = z.infer<typeof User>;

export const Username = z.string().trim().min(3).max(64).regex(/^[a-z0-9._-]+$/);
export const Password = z.string().min(8).max(256);

export const Authority = z.object({
  nameKk: Line(300),
  nameRu: Line(300),
  bin: Idn,
  placeKk: Line(200),
  placeRu: Line(200),
  officeCode: z.string().regex(/^[A-Z0-9]{2,8}$/),
});
export type Authority = z.infer<typeof Authority>;

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

/** How the applicant is represented: in person, by a notarised PoA (looked up), or by another PoA (scan only). */
export const RepresentationInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('notarised'), registryNumber: z.string().trim().regex(/^[0-9A-Za-z-]{4,32}$/) }).strict(),
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

export const ChecklistEntry = z.object({
  code: z.string(),
  met: z.boolean().nullable(),
  note: z.string(),
});
export type ChecklistEntry = z.infer<typeof ChecklistEntry>;

export const DecisionKind = z.enum(['licence', 'refusal']);
export const DecisionInfo = z.object({
  id: Id,
  kind: DecisionKind,
  number: z.string(),
  signedAt: IsoInstant,
  signerName: z.string(),
  signerIin: z.string(),
  reason: z.string(),
});
export type DecisionInfo = z.infer<typeof DecisionInfo>;

export const ApplicationSummary = z.object({
  id: Id,
  journalNumber: z.string().nullable(),
  serviceCode: z.string(),
  procedure: ProcedureCode,
  status: ApplicationStatus,
  applicantIdn: z.string(),
  applicantName: z.string(),
  createdAt: IsoInstant,
  registeredAt: IsoInstant.nullable(),
  dueDate: IsoDate.nullable(),
  executorName: z.string().nullable(),
});
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;

export const ApplicationDetail = ApplicationSummary.extend({
  applicant: Applicant,
  representation: Representation,
  executorId: Id.nullable(),
  slots: z.array(DocumentSlot),
  checklist: z.array(ChecklistEntry),
  decision: DecisionInfo.nullable(),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetail>;

const KeyInput = {
  keyFileBase64: Base64(MAX_KEY_FILE_BYTES),
  /** Used for this one operation and dropped: never stored, never logged. */
  keyPassword: z.string().min(1).max(256),
};
/** Which key of a file that holds several (from keys.inspect). */
const KeyChoice = { keyIndex: z.number().int().min(0).max(31).optional() };

/** A certificate's holder as Kazakh systems read it: CN, SURNAME, GIVENNAME (patronymic), IIN, BIN, O, roles. */
const CertificateHolder = z.object({
  surname: z.string().nullable(),
  patronymic: z.string().nullable(),
  iin: z.string().nullable(),
  bin: z.string().nullable(),
  organization: z.string().nullable(),
  roles: z.array(z.string()),
});

/** A key file's certificate, to show before anything is signed. */
export const KeyCertificate = CertificateHolder.extend({
  index: z.number().int(),
  commonName: z.string(),
  purpose: z.enum(['signing', 'authentication', 'other']),
  notBefore: IsoInstant,
  notAfter: IsoInstant,
  issuer: z.string(),
});
export type KeyCertificate = z.infer<typeof KeyCertificate>;

const Revocation = z.enum(['good', 'revoked', 'unknown']);
export const RevocationReport = z.object({
  now: Revocation,
  atSigning: Revocation,
  revokedAt: z.string().nullable(),
  stale: z.boolean(),
  source: z.enum(['ocsp', 'crl']).nullable(),
});
export const TimestampReport = z.object({ time: z.string(), tsa: z.string(), serial: z.string(), valid: z.boolean(), problems: z.array(z.string()) });

export const SignatureReport = z.object({
  index: z.number().int(),
  signatureValid: z.boolean(),
  coversWholeFile: z.boolean(),
  subFilter: z.string().nullable(),
  signingTime: z.string().nullable(),
  signer: CertificateHolder.extend({ name: z.string() }).nullable(),
  certificate: z
    .object({ notBefore: z.string(), notAfter: z.string(), validAtSigning: z.boolean().nullable(), issuer: z.string(), serial: z.string() })
    .nullable(),
  chainTrusted: z.boolean().nullable(),
  revocation: RevocationReport.nullable(),
  timestamp: TimestampReport.nullable(),
  /** The time the certificate was judged at: the time-stamp's when valid, else the signer's claim. */
  judgedAt: z.string().nullable(),
  problems: z.array(z.string()),
});
export const VerificationReport = z.object({
  file: z.object({ bytes: z.number().int(), sha256: z.string() }),
  signatures: z.array(SignatureReport),
  qr: z
    .object({
      kind: z.enum(['licence', 'refusal']),
      number: z.string(),
      date: z.string(),
      status: z.enum(['matches-record', 'differs-from-record', 'not-in-this-office']),
      /** The fields of the office's record that the signed document says otherwise. */
      differences: z.array(z.string()),
    })
    .nullable(),
  valid: z.boolean(),
});
export type VerificationReport = z.infer<typeof VerificationReport>;

export const TrustEntry = z.object({
  sha256: z.string(),
  subject: z.string(),
  crl: z.object({ crlNumber: z.number().nullable(), nextUpdate: z.string().nullable(), stale: z.boolean() }).nullable(),
});

const PkiUrl = Line(500).pipe(z.string().regex(/^https?:\/\/[^\s/]+/, 'http(s) address'));
export const NetworkSettings = z.object({ online: z.boolean(), tsaUrl: PkiUrl.nullable(), ocspUrl: PkiUrl.nullable() });

const DeviceId = z.string().min(3).max(300).regex(/^[a-z]+:/);
const ScanDevice = z.object({ id: z.string(), driver: z.enum(['sane', 'escl', 'wia']), name: z.string() });
export const TrayPage = z.object({
  id: Id,
  width: z.number().int(),
  height: z.number().int(),
  resolution: z.number().int(),
  device: z.string(),
  scannedAt: z.string(),
  /** Whether OCR has read the page yet (it does so in the background after each scan). */
  textRead: z.boolean(),
  /** Turned, cropped or straightened (on arrival, if it came in at a slant); the image as scanned can be put back. */
  edited: z.boolean(),
  /** The current image's SHA-256: changes when the page is edited, so views know to fetch it again. */
  imageSha256: z.string(),
});
export type TrayPage = z.infer<typeof TrayPage>;
const Tray = z.object({ pages: z.array(TrayPage) });
/** A share of a page's width or height. */
const Share = z.number().min(0).max(1);
export const ScanProblem = z.enum(['jammed', 'no-documents', 'cover-open', 'device-busy', 'device-gone', 'access-denied', 'io-error', 'failed']);

export const NewAdmin = z
  .object({ username: Username, fullName: Line(200), iin: Idn.nullable(), password: Password })
  .strict();

/**
 * A clerk's hot folder and the last files seen in it: taken into the tray, a duplicate, or refused
 * (why); the roots the administrator allows folders in; how many files it held when chosen (left alone).
 */
const HotFolderStatus = z.object({
  path: z.string().nullable(),
  state: z.enum(['off', 'watching', 'missing', 'not-a-folder', 'not-allowed']),
  allowedRoots: z.array(z.string()),
  leftAlone: z.number().int().min(0),
  recent: z.array(
    z.object({
      fileName: z.string(),
      outcome: z.enum(['taken', 'duplicate', 'refused']),
      problem: z.string().nullable(),
      pages: z.number().int(),
      seenAt: z.string(),
    }),
  ),
});
export type HotFolderStatus = z.infer<typeof HotFolderStatus>;

/** Where clerks may have scan folders (the folders inside these roots), and whether files turned away are moved aside or left. */
export const HotFolderPolicy = z.object({ roots: z.array(Line(1000)).max(20), rejected: z.enum(['leave', 'move']) });
export type HotFolderPolicy = z.infer<typeof HotFolderPolicy>;

export const contract = {
  'setup.status': call({ args: Empty, result: z.object({ needsSetup: z.boolean() }), access: 'public' }),
  /** First run only: the authority itself and the first administrator; refused once any user exists. */
  'setup.initialize': call({
    args: z.object({ authority: Authority.strict(), admin: NewAdmin }).strict(),
    result: User,
    access: 'public',
  }),
  'auth.login': call({
    args: z.object({ username: Line(64), password: z.string().min(1).max(256) }).strict(),
    result: z.object({ sessionToken: z.string(), user: User }),
    access: 'public',
  }),
  /** The NCA authentication key (AUTH_RSA256_*.p12) instead of the password; it names the user by IIN. */
  'auth.loginWithKey': call({
    args: z.object(KeyInput).strict(),
    result: z.object({ sessionToken: z.string(), user: User }),
    access: 'public',
  }),
  'auth.logout': call({ args: Empty, result: Ok, access: 'signed-in' }),
  'auth.me': call({ args: Empty, result: User, access: 'signed-in' }),

  'authority.get': call({ args: Empty, result: Authority, access: 'signed-in' }),
  'catalogue.get': call({ args: Empty, result: Catalogue, access: 'signed-in' }),

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
      })
      .strict(),
    result: ApplicationDetail,
    access: ['clerk'],
  }),
  'applications.discardDraft': call({ args: z.object({ id: Id }).strict(), result: Ok, access: ['clerk'], target: application('id', 'change') }),
  'applications.get': call({ args: z.object({ id: Id }).strict(), result: ApplicationDetail, access: 'signed-in', target: application('id', 'read') }),
  'applications.journal': call({
    args: z
      .object({
        status: ApplicationStatus.optional(),
        year: z.number().int().min(2000).max(2100).optional(),
        search: Line(100, 0).optional(),
      })
      .strict(),
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
  'applications.submitForDecision': call({
    args: z.object({ id: Id }).strict(),
    result: ApplicationDetail,
    access: ['executor'],
    target: application('id', 'change'),
  }),

  'documents.attach': call({
    args: z
      .object({
        applicationId: Id,
        slotCode: Code,
        fileName: FileName,
        contentBase64: Base64(MAX_DOCUMENT_BYTES),
      })
      .strict(),
    result: ApplicationDetail,
    access: ['clerk'],
    target: application('applicationId', 'change'),
  }),
  'documents.remove': call({ args: z.object({ documentId: Id }).strict(), result: ApplicationDetail, access: ['clerk'], target: { kind: 'document', arg: 'documentId', use: 'change' } }),
  'documents.setPaperPresented': call({
    args: z.object({ applicationId: Id, slotCode: Code, presented: z.boolean() }).strict(),
    result: ApplicationDetail,
    access: ['clerk'],
    target: application('applicationId', 'change'),
  }),
  /** Full-text search over the recognised text of every document; words are matched by prefix. */
  'documents.search': call({
    args: z.object({ query: Line(200, 2), limit: z.number().int().min(1).max(100).default(20) }).strict(),
    result: z.object({
      hits: z.array(
        z.object({ documentId: Id, applicationId: Id, journalNumber: z.string().nullable(), applicantName: z.string(), slotCode: z.string(), fileName: z.string(), snippet: z.string() }),
      ),
    }),
    access: ['clerk', 'executor', 'head'],
  }),
  'documents.content': call({
    args: z.object({ documentId: Id }).strict(),
    result: z.object({ fileName: z.string(), mime: z.string(), contentBase64: z.string() }),
    access: 'signed-in',
    target: { kind: 'document', arg: 'documentId', use: 'read' },
  }),

  'scanner.devices': call({
    args: Empty,
    result: z.object({ devices: z.array(ScanDevice) }),
    access: ['clerk'],
  }),
  /** A network scanner by its address (IP, host:port or eSCL URL), saved once it answers as an eSCL device. */
  'scanner.addNetwork': call({
    args: z.object({ address: Line(300) }).strict(),
    result: z.object({ device: ScanDevice }),
    access: ['clerk', 'admin'],
  }),
  'scanner.removeNetwork': call({ args: z.object({ deviceId: DeviceId }).strict(), result: z.object({ ok: z.literal(true) }), access: ['clerk', 'admin'] }),
  'scanner.capabilities': call({
    args: z.object({ deviceId: DeviceId }).strict(),
    result: z.object({ sources: z.array(z.enum(['flatbed', 'feeder', 'feeder-duplex'])), modes: z.array(z.enum(['color', 'gray', 'lineart'])), resolutions: z.array(z.number().int()) }),
    access: ['clerk'],
  }),
  /** Scans into the clerk's tray; pages scanned before a problem (a jam, an empty feeder) are kept and the problem reported. */
  'scanner.scan': call({
    args: z
      .object({ deviceId: DeviceId, source: z.enum(['flatbed', 'feeder', 'feeder-duplex']), mode: z.enum(['color', 'gray', 'lineart']), resolution: z.number().int().min(50).max(1200) })
      .strict(),
    result: Tray.extend({ added: z.number().int(), problem: ScanProblem.nullable() }),
    access: ['clerk'],
  }),
  /** How far the clerk's scan or import under way has got: pages received (of how many, for a file), then pages being straightened. */
  'scanner.scanProgress': call({
    args: Empty,
    result: z.object({
      scanning: z.boolean(),
      stage: z.enum(['scanning', 'processing', 'importing']).nullable(),
      pages: z.number().int().min(0),
      total: z.number().int().min(0).nullable(),
    }),
    access: ['clerk'],
  }),
  /** A file's pages into the tray (JPEG, PNG, TIFF, or a PDF of scans), as if scanned, one page at a time; cancelled, it adds nothing. */
  'scanner.import': call({
    args: z.object({ fileName: FileName, contentBase64: Base64(MAX_DOCUMENT_BYTES) }).strict(),
    result: Tray.extend({ added: z.number().int(), cancelled: z.boolean() }),
    access: ['clerk'],
  }),
  /** Stops the clerk's import under way between two pages (a scan runs to its end). */
  'scanner.cancel': call({ args: Empty, result: z.object({ cancelled: z.boolean() }), access: ['clerk'] }),
  'scanner.tray': call({ args: Empty, result: Tray, access: ['clerk'] }),
  /** The clerk's scan-to-folder: where the copier puts files, whether it is reachable, what came of the last files. */
  'scanner.hotFolder': call({ args: Empty, result: HotFolderStatus, access: ['clerk'] }),
  /** The administrator's rules for scan folders. */
  'scanner.hotFolderPolicy': call({ args: Empty, result: HotFolderPolicy, access: ['admin'] }),
  'scanner.setHotFolderPolicy': call({ args: HotFolderPolicy.strict(), result: HotFolderPolicy, access: ['admin'] }),
  /** Watch this folder (an absolute path, inside a root the administrator allowed, holding only scans) for the clerk, or stop watching (null). */
  'scanner.setHotFolder': call({ args: z.object({ path: Line(1000).nullable() }).strict(), result: HotFolderStatus, access: ['clerk'] }),
  'scanner.pageImage': call({ args: z.object({ pageId: Id }).strict(), result: z.object({ contentBase64: z.string(), mime: z.literal('image/png') }), access: ['clerk'] }),
  /** One page turned, cropped (a box in shares of the page) or straightened, or put back as scanned. */
  'scanner.editPage': call({
    args: z
      .object({
        pageId: Id,
        edit: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('rotate'), quarterTurns: z.union([z.literal(1), z.literal(2), z.literal(3)]) }).strict(),
          z.object({ kind: z.literal('crop'), box: z.object({ left: Share, top: Share, width: Share, height: Share }).strict() }).strict(),
          z.object({ kind: z.literal('deskew') }).strict(),
          z.object({ kind: z.literal('restore') }).strict(),
        ]),
      })
      .strict(),
    result: Tray,
    access: ['clerk'],
  }),
  /** Tray pages that look blank, for the clerk to confirm before they are dropped. */
  'scanner.blankPages': call({ args: Empty, result: z.object({ pageIds: z.array(Id) }), access: ['clerk'] }),
  /** The tray in this order; pages left out are dropped. */
  'scanner.arrange': call({ args: z.object({ pageIds: z.array(Id).max(500) }).strict(), result: Tray, access: ['clerk'] }),
  /** These tray pages, in this order, become one PDF in the slot, and leave the tray. */
  'scanner.attach': call({
    args: z.object({ applicationId: Id, slotCode: Code, pageIds: z.array(Id).min(1).max(500) }).strict(),
    result: ApplicationDetail,
    access: ['clerk'],
    target: application('applicationId', 'change'),
  }),

  'checklist.set': call({
    args: z
      .object({ applicationId: Id, itemCode: Code, met: z.boolean(), note: Paragraph(2000, 0) })
      .strict(),
    result: ApplicationDetail,
    access: ['executor'],
    target: application('applicationId', 'change'),
  }),

  'keys.inspect': call({ args: z.object(KeyInput).strict(), result: z.array(KeyCertificate), access: 'signed-in' }),
  'decisions.issueLicence': call({
    args: z.object({ applicationId: Id, ...KeyInput, ...KeyChoice }).strict(),
    result: ApplicationDetail,
    access: ['head'],
    target: application('applicationId', 'change'),
  }),
  'decisions.refuse': call({
    args: z.object({ applicationId: Id, reason: Paragraph(4000), ...KeyInput, ...KeyChoice }).strict(),
    result: ApplicationDetail,
    access: ['head'],
    target: application('applicationId', 'change'),
  }),
  'decisions.pdf': call({
    args: z.object({ decisionId: Id }).strict(),
    result: z.object({ fileName: z.string(), contentBase64: z.string() }),
    access: 'signed-in',
    target: { kind: 'decision', arg: 'decisionId', use: 'read' },
  }),

  'documents.verifyPdf': call({
    args: z.object({ fileName: FileName, contentBase64: Base64(MAX_DOCUMENT_BYTES) }).strict(),
    result: VerificationReport,
    access: 'signed-in',
  }),

  'trust.list': call({
    args: Empty,
    result: z.object({ certificates: z.array(TrustEntry), staleRule: z.enum(['warn', 'block']), network: NetworkSettings }),
    access: ['admin'],
  }),
  'trust.addCertificates': call({
    args: z.object({ contentBase64: Base64(MAX_KEY_FILE_BYTES * 4) }).strict(),
    result: z.object({ added: z.number().int() }),
    access: ['admin'],
  }),
  'trust.importCrl': call({
    args: z.object({ contentBase64: Base64(MAX_DOCUMENT_BYTES) }).strict(),
    result: z.object({ issuer: z.string(), kind: z.enum(['full', 'delta']), crlNumber: z.number().nullable(), nextUpdate: z.string().nullable(), entries: z.number().int(), replaced: z.boolean() }),
    access: ['admin'],
  }),
  'trust.setStaleRule': call({ args: z.object({ rule: z.enum(['warn', 'block']) }).strict(), result: Ok, access: ['admin'] }),
  /** Whether the office goes online for CRLs, OCSP and time-stamps, and which TSA (and OCSP responder, if not the certificate's) it asks. */
  'trust.setNetwork': call({ args: NetworkSettings.strict(), result: Ok, access: ['admin'] }),

  'users.list': call({ args: Empty, result: z.array(User), access: ['admin', 'head'] }),
  'users.create': call({
    args: z
      .object({
        username: Username,
        fullName: Line(200),
        iin: Idn.nullable(),
        roles: z.array(Role).min(1),
        password: Password,
      })
      .strict(),
    result: User,
    access: ['admin'],
  }),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ArgsOf<C extends Channel> = z.input<Contract[C]['args']>;
export type ResultOf<C extends Channel> = z.output<Contract[C]['result']>;

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}

/** The envelope both hosts carry: IPC in Electron, HTTP POST in the loopback web host. */
export const Envelope = z.object({
  channel: z.string().max(64),
  args: z.unknown(),
  session: z.string().max(128).nullable(),
});
export type Envelope = z.infer<typeof Envelope>;

export const Reply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), reason: z.string().optional() }).passthrough() }),
]);
export type Reply = z.infer<typeof Reply>;

/** The one IPC channel of the Electron shell; every call of the contract travels through it. */
export const IPC_CHANNEL = 'ajo:call';
