import { AppError } from '../../domain/api/errors';
import type { KeyArgs } from '../../domain/api/call';
import type { ApplicationDetail } from '../../domain/api/contract';
import { kazakhstanDate } from '../../domain/calendar/working-days';
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
import { renderLicence, renderRefusal, type LicenceData, type Licensee, type RefusalData, type RenderedDocument } from '../licence/render';
import { openAuthorityKey, type AuthorityKey } from './authority-key';
import { signPdfDocument } from '../../pki/pdf/pades';
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
  kind: 'licence' | 'refusal';
  /** A refusal of further consideration (documents incomplete) marks the executor's proposal signed. */
  incomplete?: boolean;
  reason: string;
  numbering: Numbering;
  /** The document, dated by the moment it is signed. */
  render: (number: string, date: string) => Promise<RenderedDocument>;
  /** The licence a reissue replaces or a duplicate copies, told to the registry with the decision. */
  originalNumber?: string;
}

/** Another decision took the number while this one was being signed: sign again with the next. */
class NumberTaken extends Error {}

const SIGNING_ATTEMPTS = 3;

/**
 * The number is printed in the document before it is signed, but taken from its counter only in the
 * transaction that records the signed decision: a crash or a failure anywhere before leaves the number
 * free for the next decision, so no number is ever skipped. Should another decision take it meanwhile
 * (a second process on the same database), the document is made and signed again with the next one.
 */
/** Who decides what, with which key, for which authority: everything a decision is signed and recorded with. */
interface Signing {
  app: ApplicationRecord;
  key: AuthorityKey;
  user: UserRecord;
  authority: AuthorityRecord;
}

async function signAndRecord(ctx: CoreContext, { app, key, user, authority }: Signing, decision: Decision): Promise<ApplicationDetail> {
  for (let attempt = 1; attempt <= SIGNING_ATTEMPTS; attempt++) {
    const number = decision.numbering.peek();
    const signingTime = ctx.now();
    const rendered = await decision.render(number, kazakhstanDate(signingTime));
    const id = newId();
    const record: DecisionRecord = {
      id,
      applicationId: app.id,
      kind: decision.kind,
      number,
      reason: decision.reason,
      pdfSha256: '',
      signedAt: signingTime.toISOString(),
      signerUserId: user.id,
      signerName: user.fullName,
      signerIin: key.certificate.iin ?? '',
      qrPayload: rendered.qr,
    };
    // The document carries the record's facts under its signature: the record cannot later say otherwise unseen.
    embedDecisionFacts(rendered.pdf, recordedFacts(record, app));
    const signed = await signPdfDocument(
      rendered.pdf,
      { privateKey: key.privateKey, certificateDer: key.certificate.der, chainDer: key.chain, timestamp: key.timestamp },
      {
        reason: decision.kind === 'licence' ? `Лицензия ${number}` : `Бас тарту / Отказ ${number}`,
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
        if (!decision.numbering.take(number)) throw new NumberTaken();
        insertDecision(ctx.db, { ...record, pdfSha256: sha256 });
        if (decision.incomplete) markConsiderationRefusalSigned(ctx.db, app.id, id);
        const decided = decision.kind === 'licence' ? 'issued' : 'refused';
        setStatus(ctx.db, app.id, app.status, decided, signingTime.toISOString());
        advanceTo(ctx, app, decided, signingTime.toISOString(), user.id);
        appendEvent(ctx.db, {
          at: signingTime.toISOString(),
          actorId: user.id,
          entity: 'application',
          entityId: app.id,
          type: decision.kind === 'licence' ? 'licence.issued' : 'licence.refused',
          payload: {
            decisionId: id,
            number,
            pdfSha256: sha256,
            warnings: key.warnings,
            qr: rendered.qr,
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

export async function issueLicence(ctx: CoreContext, input: KeyArgs & { applicationId: string }, user: UserRecord) {
  const { app, authority } = requireReady(ctx, input.applicationId, user, 'decisions.issueLicence');
  const checklist = checklistOf(ctx.db, app.id);
  if ([...checklist.values()].some((c) => !c.met)) throw new AppError('invalid-state', 'requirements-unmet');
  // Named when the application was drafted, and still in force now (another reissue may have come first).
  const original = app.originalNumber ? requireOriginal(ctx, { ...app, originalNumber: app.originalNumber }) : null;
  if (app.procedure === 'duplicate' && !original) throw new AppError('invalid-state', 'original-licence-required');
  const key = await openHeadKey(ctx, input, user);
  const { service } = procedureOf(ctx, app);
  const licence = (number: string, date: string, licensee: Licensee): LicenceData => ({
    number,
    date,
    activity: service.activity,
    licenceType: service.licenceType,
    subtypes: service.subtypes,
    validity: service.validity,
    licensee,
    licensor: { kk: authority.nameKk, ru: authority.nameRu },
    headName: user.fullName,
    placeOfIssue: { kk: authority.placeKk, ru: authority.placeRu },
  });
  const signing = { app, key, user, authority };
  if (app.procedure === 'duplicate' && original) {
    // The copy says what the licence says: its number, its date, its holder as recorded then.
    const licensed = licenseeOf(loadApplication(ctx, original.applicationId));
    return signAndRecord(ctx, signing, {
      kind: 'licence',
      reason: '',
      numbering: duplicateNumbering(ctx, original.number),
      originalNumber: original.number,
      render: (number, date) => renderLicence({ ...licence(original.number, kazakhstanDate(new Date(original.signedAt)), licensed), duplicate: { number, date } }),
    });
  }
  return signAndRecord(ctx, signing, {
    kind: 'licence',
    reason: '',
    numbering: licenceNumbering(ctx, authority),
    ...(original ? { originalNumber: original.number } : {}),
    render: (number, date) =>
      renderLicence({
        ...licence(number, date, licenseeOf(app)),
        ...(original ? { reissueOf: { number: original.number, date: kazakhstanDate(new Date(original.signedAt)) } } : {}),
      }),
  });
}

/** A motivated refusal, on the requirements (the unmet ones listed) or of further consideration (the missing documents listed). */
function signRefusal(ctx: CoreContext, signing: Signing, grounds: { reason: string; unmet: RefusalData['unmet']; incomplete?: RefusalData['incomplete'] }) {
  const { app, user, authority } = signing;
  const { service } = procedureOf(ctx, app);
  return signAndRecord(ctx, signing, {
    kind: 'refusal',
    ...(grounds.incomplete ? { incomplete: true } : {}),
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
      }),
  });
}

export async function refuseLicence(ctx: CoreContext, input: KeyArgs & { applicationId: string; reason: string }, user: UserRecord) {
  const { app, authority } = requireReady(ctx, input.applicationId, user, 'decisions.refuse');
  const key = await openHeadKey(ctx, input, user);
  const { procedure } = procedureOf(ctx, app);
  const checklist = checklistOf(ctx.db, app.id);
  const unmet = procedure.qualification
    .filter((item) => checklist.get(item.code)?.met === false)
    .map((item) => ({ text: item.text, note: checklist.get(item.code)?.note ?? '' }));
  return signRefusal(ctx, { app, key, user, authority }, { reason: input.reason, unmet });
}

/** The head signs the refusal of further consideration the executor prepared: it names the missing documents. */
export async function refuseConsideration(ctx: CoreContext, input: KeyArgs & { applicationId: string }, user: UserRecord) {
  const { app, authority, proposal } = requireReady(ctx, input.applicationId, user, 'decisions.refuseConsideration');
  const key = await openHeadKey(ctx, input, user);
  const { procedure } = procedureOf(ctx, app);
  const documentName = (code: string) => procedure.documents.find((d) => d.code === code)?.name ?? (code === POA_SCAN_SLOT ? POA_SCAN_NAME : { kk: code, ru: code });
  return signRefusal(ctx, { app, key, user, authority }, { reason: proposal!.reason, unmet: [], incomplete: { missing: proposal!.missing.map(documentName) } });
}

export function decisionPdf(ctx: CoreContext, decisionId: string) {
  const decision = getDecision(ctx.db, decisionId);
  if (!decision) throw new AppError('not-found', 'decision');
  const safeNumber = decision.number.replace(/[^A-Za-z0-9-]/g, '_');
  const fileName = `${decision.kind === 'licence' ? 'licence' : 'refusal'}-${safeNumber}.pdf`;
  return { fileName, contentBase64: ctx.blobs.get(decision.pdfSha256, fileName).toString('base64') };
}
