import { AppError } from '../../domain/api/errors';
import type { KeyArgs } from '../../domain/api/call';
import type { ApplicationDetail } from '../../domain/api/contract';
import { kazakhstanDate, printedDay } from '../../domain/calendar/working-days';
import { newId } from '../../db/ids';
import { getAuthority, type AuthorityRecord } from '../../db/repositories/authority';
import { setStatus, type ApplicationRecord } from '../../db/repositories/applications';
import { checklistOf } from '../../db/repositories/checklist';
import { duplicateNumbering, licenceNumbering, officeNumbering, type Numbering } from './numbering';
import { requireOriginal } from './licences';
import { getDecision, insertDecision, type DecisionRecord } from '../../db/repositories/decisions';
import { embedDecisionFacts } from '../licence/decision-facts';
import { recordedFacts } from './decision-check';
import { appendEvent } from '../../db/repositories/events';
import type { UserRecord } from '../../db/repositories/users';
import { renderConclusion, renderLicence, renderRefusal, type LicenceData, type Licensee, type RefusalData, type RenderedDocument, type RenderOptions } from '../licence/render';
import { getSyncValue, PUBLIC_CHECK_URL } from '../../db/repositories/registry-link';
import { decisionPreviewOf, deleteDecisionPreview, licenceDraftOf, putDecisionPreview } from '../../db/repositories/licence-drafts';
import type { PreviewKind } from '../../domain/api/decisions';
import type { LocalizedText } from '../../domain/i18n/text';
import type { ResultKind } from '../../domain/catalogue/catalogue';
import { openAuthorityKey, type AuthorityKey } from './authority-key';
import { signPdf } from '../../pki/pdf/pades';
import { inTransaction, type CoreContext } from '../context';
import { applicantOf, detailOf, loadApplication, procedureOf } from './application-view';
import { advanceTo } from './steps';
import { considerationRefusalOf, markConsiderationRefusalSigned } from '../../db/repositories/consideration-refusals';
import { POA_SCAN_SLOT } from '../../domain/api/contract';

/** How the scan of a PoA certified otherwise than by a notary is named in a refusal that finds it missing. */
const POA_SCAN_NAME = { kk: 'Сенімхаттың көшірмесі (скан)', ru: 'Копия (скан) доверенности' };
import { requireAllowed } from './permission';
import { requireIdentitySettled } from './identity-checks';


/** The head signs with their own key only: every check, including the IIN, before anything is signed. */
function openHeadKey(ctx: CoreContext, input: KeyArgs, user: UserRecord): Promise<AuthorityKey> {
  return openAuthorityKey(ctx, { keyFile: Buffer.from(input.keyFileBase64, 'base64'), password: input.keyPassword, signerIin: user.iin, keyIndex: input.keyIndex });
}

function licenseeOf(app: ApplicationRecord): Licensee {
  const a = applicantOf(app);
  return { kind: a.kind, name: a.nameKk && a.nameKk !== a.name ? `${a.nameKk} / ${a.name}` : a.name, address: a.address, idn: a.idn };
}

function requireReady(ctx: CoreContext, applicationId: string, user: UserRecord, call: 'decisions.issueLicence' | 'decisions.refuse' | 'decisions.refuseConsideration') {
  const app = loadApplication(ctx, applicationId);
  requireAllowed(user, call, app);
  const authority = getAuthority(ctx.db);
  if (!authority) throw new AppError('invalid-state', 'authority-not-configured');
  // The executor found documents missing: the head signs that refusal, or sends it back — nothing else.
  const proposal = considerationRefusalOf(ctx.db, app.id);
  if (call === 'decisions.refuseConsideration' && !proposal) throw new AppError('invalid-state', 'no-consideration-refusal-proposed');
  if (call !== 'decisions.refuseConsideration' && proposal) throw new AppError('invalid-state', 'consideration-refusal-proposed');
  requireIdentitySettled(ctx.db, app.id, call === 'decisions.issueLicence' ? 'licence' : 'refusal');
  return { app, authority, proposal };
}

/** What the head decides, before it has a number: the rest is the same for a licence and a refusal. */
interface Decision {
  kind: PreviewKind;
  reason: string;
  numbering: Numbering;
  /** The document, dated by the moment it is made. */
  render: (number: string, date: string) => Promise<RenderedDocument>;
  /** The licence a reissue replaces or a duplicate copies, told to the registry with the decision. */
  originalNumber?: string;
}

/** Another decision took the number while this one was being signed: sign again with the next. */
class NumberTaken extends Error {}

const SIGNING_ATTEMPTS = 3;

/** A preview is signed the day it is dated, within the hour: after that the head looks again. */
const PREVIEW_LIFETIME_MS = 60 * 60 * 1000;

/** Who decides what, with which key, for which authority: everything a decision is signed and recorded with. */
interface Signing {
  app: ApplicationRecord;
  key: AuthorityKey;
  user: UserRecord;
  authority: AuthorityRecord;
}

/** The unsigned document, numbered and dated, carrying the facts of the record it will be. */
interface Prepared {
  bytes: Buffer;
  record: DecisionRecord;
}

/** The record a decision will be, made at `made.at` with that number; its facts go into the document. */
function recordFor(app: ApplicationRecord, user: UserRecord, decision: Decision, made: { number: string; at: Date; recordId: string; signerIin: string }, qr: string): DecisionRecord {
  return {
    id: made.recordId,
    applicationId: app.id,
    kind: decision.kind === 'licence' ? 'licence' : 'refusal',
    number: made.number,
    reason: decision.reason,
    pdfSha256: '',
    signedAt: made.at.toISOString(),
    signerUserId: user.id,
    signerName: user.fullName,
    signerIin: made.signerIin,
    qrPayload: qr,
  };
}

async function prepare(app: ApplicationRecord, user: UserRecord, decision: Decision, made: { number: string; at: Date; recordId: string; signerIin: string }): Promise<Prepared> {
  const rendered = await decision.render(made.number, kazakhstanDate(made.at));
  const record = recordFor(app, user, decision, made, rendered.qr);
  // The document carries the record's facts under its signature: the record cannot later say otherwise unseen.
  embedDecisionFacts(rendered.pdf, recordedFacts(record, app));
  return { bytes: Buffer.from(await rendered.pdf.save({ useObjectStreams: false })), record };
}

/**
 * The document the head previewed, if it is still the one the application would get now: same kind,
 * reason, number and data (its QR digest), the same signer, the same day, within the hour.
 */
async function previewed(ctx: CoreContext, { app, key, user }: Signing, decision: Decision, sha256: string): Promise<Prepared> {
  const preview = decisionPreviewOf(ctx.db, app.id);
  if (!preview || preview.pdfSha256 !== sha256 || preview.preparedBy !== user.id || preview.kind !== decision.kind) throw new AppError('invalid-state', 'preview-not-current');
  const at = new Date(preview.preparedAt);
  const now = ctx.now();
  if (now.getTime() - at.getTime() > PREVIEW_LIFETIME_MS || kazakhstanDate(now) !== kazakhstanDate(at)) throw new AppError('invalid-state', 'preview-expired');
  if ((key.certificate.iin ?? '') !== preview.signerIin) throw new AppError('invalid-state', 'preview-other-signer');
  const again = preview.number === decision.numbering.peek() && preview.reason === decision.reason ? await decision.render(preview.number, kazakhstanDate(at)) : null;
  if (again?.qr !== preview.qr) throw new AppError('invalid-state', 'preview-outdated');
  const record = recordFor(app, user, decision, { number: preview.number, at, recordId: preview.recordId, signerIin: preview.signerIin }, preview.qr);
  return { bytes: ctx.blobs.get(preview.pdfSha256, 'preview.pdf'), record };
}

/**
 * The number is printed in the document before it is signed, but taken from its counter only in the
 * transaction that records the signed decision: a crash or a failure anywhere before leaves the number
 * free for the next decision, so no number is ever skipped. Should another decision take it meanwhile
 * (a second process on the same database), the document is made and signed again with the next one —
 * unless the head signs a preview, which then has to be looked at again.
 *
 * The signature is an incremental update: the signed file is the unsigned one's bytes, unchanged, and
 * the signature after them. A previewed document is signed exactly as the head saw it.
 */
async function signAndRecord(ctx: CoreContext, signing: Signing, decision: Decision, previewSha256?: string): Promise<ApplicationDetail> {
  const { app, key, user, authority } = signing;
  for (let attempt = 1; attempt <= SIGNING_ATTEMPTS; attempt++) {
    const signingTime = ctx.now();
    const { bytes, record } = previewSha256
      ? await previewed(ctx, signing, decision, previewSha256)
      : await prepare(app, user, decision, { number: decision.numbering.peek(), at: signingTime, recordId: newId(), signerIin: key.certificate.iin ?? '' });
    const { id, number } = record;
    const signed = await signPdf(
      bytes,
      { privateKey: key.privateKey, certificateDer: key.certificate.der, chainDer: key.chain, timestamp: key.timestamp },
      {
        reason: `${signatureReason(decision, procedureOf(ctx, app).service.result)} ${number}`,
        location: authority.placeRu,
        signerName: key.certificate.commonName,
        contactInfo: authority.bin,
        signingTime,
      },
    );
    const sha256 = ctx.blobs.put(signed);
    try {
      inTransaction(ctx, () => {
        const current = loadApplication(ctx, app.id);
        if (current.status !== app.status) throw new AppError('conflict', 'application-changed');
        if (!decision.numbering.take(number)) throw previewSha256 ? new AppError('invalid-state', 'preview-outdated') : new NumberTaken();
        insertDecision(ctx.db, { ...record, pdfSha256: sha256 });
        deleteDecisionPreview(ctx.db, app.id);
        if (decision.kind === 'consideration-refusal') markConsiderationRefusalSigned(ctx.db, app.id, id);
        const decided = decision.kind === 'licence' ? 'issued' : 'refused';
        // When it happened: now. (A previewed document keeps the moment it was made as its own date.)
        const at = signingTime.toISOString();
        setStatus(ctx.db, app.id, app.status, decided, at);
        advanceTo(ctx, app, decided, at, user.id);
        appendEvent(ctx.db, {
          at,
          actorId: user.id,
          entity: 'application',
          entityId: app.id,
          type: decision.kind === 'licence' ? 'licence.issued' : 'licence.refused',
          payload: {
            decisionId: id,
            number,
            pdfSha256: sha256,
            warnings: key.warnings,
            qr: record.qrPayload,
            ...(decision.originalNumber ? { originalNumber: decision.originalNumber } : {}),
          },
        });
      });
      return detailOf(ctx, app.id);
    } catch (error) {
      if (!(error instanceof NumberTaken)) throw error;
    }
  }
  throw new AppError('conflict', 'decision-number-taken');
}

/** A decision's file is named for what it is: licence, conclusion (positive or negative) or refusal. */
function fileStem(kind: 'licence' | 'refusal', result: ResultKind): string {
  if (result === 'conclusion') return kind === 'licence' ? 'conclusion' : 'negative-conclusion';
  return kind;
}

const safeFileNumber = (number: string) => number.replace(/[^A-Za-z0-9-]/g, '_');

/** What the signature says it is for, in the document's own words. */
function signatureReason(decision: Decision, result: ResultKind): string {
  if (result === 'conclusion') return decision.kind === 'licence' ? 'Қорытынды / Заключение' : decision.kind === 'refusal' ? 'Теріс қорытынды / Отрицательное заключение' : 'Бас тарту / Отказ';
  return decision.kind === 'licence' ? 'Лицензия' : 'Бас тарту / Отказ';
}

/** Validity as drafted: until a day, or (not drafted) the catalogue's. */
function validityOf(service: { validity: LocalizedText }, validUntil: string | null): LocalizedText {
  if (!validUntil) return service.validity;
  const day = printedDay(validUntil);
  return { kk: `${day} дейін`, ru: `до ${day}` };
}

/** The QR code links to the public check the registry named at enrolment (a desk never enrolled prints the document's own text). */
function renderOptions(ctx: CoreContext): RenderOptions {
  return { checkUrl: getSyncValue(ctx.db, PUBLIC_CHECK_URL) };
}

/** The licence, built from the application as it stands; a duplicate copies its original's. */
function licenceDecision(ctx: CoreContext, app: ApplicationRecord, authority: AuthorityRecord, user: UserRecord): Decision {
  const checklist = checklistOf(ctx.db, app.id);
  if ([...checklist.values()].some((c) => !c.met)) throw new AppError('invalid-state', 'requirements-unmet');
  // Named when the application was drafted, and still in force now (another reissue may have come first).
  const original = app.originalNumber ? requireOriginal(ctx, { ...app, originalNumber: app.originalNumber }) : null;
  if (app.procedure === 'duplicate' && !original) throw new AppError('invalid-state', 'original-licence-required');
  const { service } = procedureOf(ctx, app);
  // What the executor drafted (seed 001, annex 3); an application without a draft keeps the catalogue's sub-types and the legal address.
  const licence = (number: string, date: string, of: ApplicationRecord): LicenceData => {
    const draft = licenceDraftOf(ctx.db, of.id);
    return {
      number,
      date,
      activity: service.activity,
      licenceType: service.licenceType,
      subtypes: draft ? draft.subtypes.flatMap((i) => service.subtypes[i] ?? []) : service.subtypes,
      validity: validityOf(service, draft?.validUntil ?? null),
      licensee: licenseeOf(of),
      licensor: { kk: authority.nameKk, ru: authority.nameRu },
      headName: user.fullName,
      placeOfIssue: { kk: authority.placeKk, ru: authority.placeRu },
      ...(draft ? { productionBase: draft.productionBase, specialConditions: draft.specialConditions } : {}),
    };
  };
  if (service.result === 'conclusion') return conclusionDecision(ctx, app, authority, user);
  if (app.procedure === 'duplicate' && original) {
    // The copy says what the licence says: its number, its date, its holder and fields as recorded then.
    const licensed = loadApplication(ctx, original.applicationId);
    return {
      kind: 'licence',
      reason: '',
      numbering: duplicateNumbering(ctx, original.number),
      originalNumber: original.number,
      render: (number, date) => renderLicence({ ...licence(original.number, kazakhstanDate(new Date(original.signedAt)), licensed), duplicate: { number, date } }, renderOptions(ctx)),
    };
  }
  return {
    kind: 'licence',
    reason: '',
    numbering: licenceNumbering(ctx, authority),
    ...(original ? { originalNumber: original.number } : {}),
    render: (number, date) =>
      renderLicence({
        ...licence(number, date, app),
        ...(original ? { reissueOf: { number: original.number, date: kazakhstanDate(new Date(original.signedAt)) } } : {}),
      }, renderOptions(ctx)),
  };
}

/** The positive ecological expertise conclusion: its object and conditions as the executor drafted them. */
function conclusionDecision(ctx: CoreContext, app: ApplicationRecord, authority: AuthorityRecord, user: UserRecord): Decision {
  const { service } = procedureOf(ctx, app);
  const draft = licenceDraftOf(ctx.db, app.id);
  if (!draft) throw new AppError('invalid-state', 'conclusion-not-drafted');
  return {
    kind: 'licence',
    reason: '',
    numbering: licenceNumbering(ctx, authority),
    render: (number, date) =>
      renderConclusion({
        number,
        date,
        journalNumber: app.journalNumber ?? '',
        expertise: service.activity,
        customer: licenseeOf(app),
        object: draft.productionBase,
        conditions: draft.specialConditions,
        validity: validityOf(service, draft.validUntil),
        provider: { kk: authority.nameKk, ru: authority.nameRu },
        headName: user.fullName,
        placeOfIssue: { kk: authority.placeKk, ru: authority.placeRu },
      }, renderOptions(ctx)),
  };
}

/** A motivated refusal, on the requirements (the unmet ones listed) or of further consideration (the missing documents listed). */
function refusalDecision(
  ctx: CoreContext,
  { app, authority, user }: { app: ApplicationRecord; authority: AuthorityRecord; user: UserRecord },
  grounds: { reason: string; unmet: RefusalData['unmet']; incomplete?: RefusalData['incomplete'] },
): Decision {
  const { service } = procedureOf(ctx, app);
  return {
    kind: grounds.incomplete ? 'consideration-refusal' : 'refusal',
    reason: grounds.reason,
    numbering: officeNumbering(ctx, 'refusal', authority.officeCode),
    render: (number, date) =>
      renderRefusal({
        number,
        date,
        service: service.name,
        journalNumber: app.journalNumber ?? '',
        licensee: licenseeOf(app),
        unmet: grounds.unmet,
        reason: grounds.reason,
        licensor: { kk: authority.nameKk, ru: authority.nameRu },
        headName: user.fullName,
        // Left out of a refusal on the requirements: its data (and the QR code's digest of them) stay as they were.
        ...(grounds.incomplete ? { incomplete: grounds.incomplete } : {}),
        ...(service.result === 'conclusion' ? { conclusion: true as const } : {}),
      }),
  };
}

const SIGNING_CALL = { licence: 'decisions.issueLicence', refusal: 'decisions.refuse', 'consideration-refusal': 'decisions.refuseConsideration' } as const;

/** The decision of this kind for the application as it stands, after every check that needs no key. */
function decisionFor(ctx: CoreContext, applicationId: string, user: UserRecord, kind: PreviewKind, reason: string) {
  const { app, authority, proposal } = requireReady(ctx, applicationId, user, SIGNING_CALL[kind]);
  const { procedure } = procedureOf(ctx, app);
  if (kind === 'licence') return { app, authority, decision: licenceDecision(ctx, app, authority, user) };
  if (kind === 'refusal') {
    if (reason.trim() === '') throw new AppError('invalid-input', 'refusal-reason-required');
    const checklist = checklistOf(ctx.db, app.id);
    // Numbered as in the checklist the executor worked through, so the applicant can find each one.
    const unmet = procedure.qualification
      .map((item, index) => ({ item, number: index + 1 }))
      .filter(({ item }) => checklist.get(item.code)?.met === false)
      .map(({ item, number }) => ({ number, text: item.text, note: checklist.get(item.code)?.note ?? '' }));
    return { app, authority, decision: refusalDecision(ctx, { app, authority, user }, { reason, unmet }) };
  }
  const documentName = (code: string) => procedure.documents.find((d) => d.code === code)?.name ?? (code === POA_SCAN_SLOT ? POA_SCAN_NAME : { kk: code, ru: code });
  return { app, authority, decision: refusalDecision(ctx, { app, authority, user }, { reason: proposal!.reason, unmet: [], incomplete: { missing: proposal!.missing.map(documentName) } }) };
}

async function decide(ctx: CoreContext, input: KeyArgs & { applicationId: string; previewSha256?: string }, user: UserRecord, kind: PreviewKind, reason = '') {
  const { app, authority, decision } = decisionFor(ctx, input.applicationId, user, kind, reason);
  let key: AuthorityKey;
  try {
    key = await openHeadKey(ctx, input, user);
  } catch (error) {
    // A refused attempt is the audit's business too (another's key, a revoked certificate, a wrong password): recorded on its own, nothing signed.
    if (error instanceof AppError && (error.code === 'signing-refused' || error.code === 'key-unreadable')) {
      inTransaction(ctx, () =>
        appendEvent(ctx.db, { at: ctx.now().toISOString(), actorId: user.id, entity: 'application', entityId: app.id, type: 'decision.signing-refused', payload: { kind, reason: error.reason ?? error.code } }),
      );
    }
    throw error;
  }
  return signAndRecord(ctx, { app, key, user, authority }, decision, input.previewSha256);
}

export function issueLicence(ctx: CoreContext, input: KeyArgs & { applicationId: string; previewSha256?: string }, user: UserRecord) {
  return decide(ctx, input, user, 'licence');
}

export function refuseLicence(ctx: CoreContext, input: KeyArgs & { applicationId: string; reason: string; previewSha256?: string }, user: UserRecord) {
  return decide(ctx, input, user, 'refusal', input.reason);
}

/** The head signs the refusal of further consideration the executor prepared: it names the missing documents. */
export function refuseConsideration(ctx: CoreContext, input: KeyArgs & { applicationId: string; previewSha256?: string }, user: UserRecord) {
  return decide(ctx, input, user, 'consideration-refusal');
}

/**
 * The decision's document as it will be signed, numbered and dated now, for the head to look at; it
 * replaces any earlier preview. Signing it (with its sha256) signs these bytes.
 */
export async function previewDecision(ctx: CoreContext, input: { applicationId: string; kind: PreviewKind; reason: string }, user: UserRecord) {
  const { app, decision } = decisionFor(ctx, input.applicationId, user, input.kind, input.reason);
  const at = ctx.now();
  const { bytes, record } = await prepare(app, user, decision, { number: decision.numbering.peek(), at, recordId: newId(), signerIin: user.iin ?? '' });
  const sha256 = ctx.blobs.put(bytes);
  inTransaction(ctx, () => {
    if (loadApplication(ctx, app.id).status !== app.status) throw new AppError('conflict', 'application-changed');
    putDecisionPreview(ctx.db, {
      applicationId: app.id,
      kind: decision.kind,
      reason: decision.reason,
      number: record.number,
      recordId: record.id,
      preparedAt: record.signedAt,
      preparedBy: user.id,
      signerIin: record.signerIin,
      qr: record.qrPayload,
      pdfSha256: sha256,
    });
  });
  const fileName = `${fileStem(record.kind, procedureOf(ctx, app).service.result)}-${safeFileNumber(record.number)}-preview.pdf`;
  return { sha256, number: record.number, fileName, contentBase64: bytes.toString('base64') };
}

export function decisionPdf(ctx: CoreContext, decisionId: string) {
  const decision = getDecision(ctx.db, decisionId);
  if (!decision) throw new AppError('not-found', 'decision');
  const fileName = `${fileStem(decision.kind, procedureOf(ctx, loadApplication(ctx, decision.applicationId)).service.result)}-${safeFileNumber(decision.number)}.pdf`;
  return { fileName, contentBase64: ctx.blobs.get(decision.pdfSha256, fileName).toString('base64') };
}
