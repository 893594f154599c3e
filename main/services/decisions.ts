import { AppError } from '../../domain/api/errors';
import type { ApplicationDetail } from '../../domain/api/contract';
import { kazakhstanDate } from '../../domain/calendar/working-days';
import { newId } from '../../db/ids';
import { getAuthority, type AuthorityRecord } from '../../db/repositories/authority';
import { setStatus, type ApplicationRecord } from '../../db/repositories/applications';
import { checklistOf } from '../../db/repositories/checklist';
import { nextCounter } from '../../db/repositories/counters';
import { getDecision, insertDecision } from '../../db/repositories/decisions';
import { appendEvent } from '../../db/repositories/events';
import type { UserRecord } from '../../db/repositories/users';
import { renderLicence, renderRefusal, type Licensee, type RenderedDocument } from '../licence/render';
import { openAuthorityKey, type AuthorityKey } from '../signing/authority-key';
import { signPdfDocument } from '../signing/pades';
import { inTransaction, type CoreContext } from '../context';
import { applicantOf, detailOf, loadApplication, procedureOf } from './application-view';
import { transitionTarget } from '../../domain/applications/status';


interface KeyInput {
  keyFileBase64: string;
  keyPassword: string;
  keyIndex?: number | undefined;
}

/** The head signs with their own key only: every check, including the IIN, before anything is signed. */
function openHeadKey(ctx: CoreContext, input: KeyInput, user: UserRecord): Promise<AuthorityKey> {
  return openAuthorityKey(ctx, { keyFile: Buffer.from(input.keyFileBase64, 'base64'), password: input.keyPassword, signerIin: user.iin, keyIndex: input.keyIndex });
}

function licenseeOf(app: ApplicationRecord): Licensee {
  const a = applicantOf(app);
  return { kind: a.kind, name: a.nameKk && a.nameKk !== a.name ? `${a.nameKk} / ${a.name}` : a.name, address: a.address, idn: a.idn };
}

function requireReady(ctx: CoreContext, applicationId: string, transition: 'issue' | 'refuse') {
  const app = loadApplication(ctx, applicationId);
  if (!transitionTarget(app.status, transition)) throw new AppError('invalid-state', `cannot-${transition}-when-${app.status}`);
  const authority = getAuthority(ctx.db);
  if (!authority) throw new AppError('invalid-state', 'authority-not-configured');
  return { app, authority };
}

async function signAndRecord(
  ctx: CoreContext,
  app: ApplicationRecord,
  key: AuthorityKey,
  user: UserRecord,
  kind: 'licence' | 'refusal',
  number: string,
  reason: string,
  rendered: RenderedDocument,
  authority: AuthorityRecord,
): Promise<ApplicationDetail> {
  const signingTime = ctx.now();
  const signed = await signPdfDocument(
    rendered.pdf,
    { privateKey: key.privateKey, certificateDer: key.certificate.der, chainDer: key.chain, timestamp: key.timestamp },
    {
      reason: kind === 'licence' ? `Лицензия ${number}` : `Бас тарту / Отказ ${number}`,
      location: authority.placeRu,
      signerName: key.certificate.commonName,
      contactInfo: authority.bin,
      signingTime,
    },
  );
  const sha256 = ctx.blobs.put(signed);
  const to = kind === 'licence' ? 'issued' : 'refused';
  inTransaction(ctx, () => {
    const current = loadApplication(ctx, app.id);
    if (current.status !== app.status) throw new AppError('conflict', 'application-changed');
    const id = newId();
    insertDecision(ctx.db, {
      id,
      applicationId: app.id,
      kind,
      number,
      reason,
      pdfSha256: sha256,
      signedAt: signingTime.toISOString(),
      signerUserId: user.id,
      signerName: user.fullName,
      signerIin: key.certificate.iin ?? '',
      qrPayload: rendered.qr,
    });
    setStatus(ctx.db, app.id, app.status, to, signingTime.toISOString());
    appendEvent(ctx.db, {
      at: signingTime.toISOString(),
      actorId: user.id,
      entity: 'application',
      entityId: app.id,
      type: kind === 'licence' ? 'licence.issued' : 'licence.refused',
      payload: { decisionId: id, number, pdfSha256: sha256, warnings: key.warnings },
    });
  });
  return detailOf(ctx, app.id);
}

/**
 * A provisional number in E-licensing's shape (KZ + 2 digits + 3 letters + 8 digits), unique in this
 * office; the central registry's own number replaces it once sync lands.
 */
function nextLicenceNumber(ctx: CoreContext, authority: AuthorityRecord): string {
  const year = kazakhstanDate(ctx.now()).slice(2, 4);
  const seq = inTransaction(ctx, () => nextCounter(ctx.db, `licence:${year}`));
  const office = authority.officeCode.replace(/[^A-Z]/g, '').padEnd(3, 'X').slice(0, 3);
  return `KZ${year}${office}${String(seq).padStart(8, '0')}`;
}

export async function issueLicence(ctx: CoreContext, input: KeyInput & { applicationId: string }, user: UserRecord) {
  const { app, authority } = requireReady(ctx, input.applicationId, 'issue');
  const checklist = checklistOf(ctx.db, app.id);
  if ([...checklist.values()].some((c) => !c.met)) throw new AppError('invalid-state', 'requirements-unmet');
  const key = await openHeadKey(ctx, input, user);
  const { service } = procedureOf(ctx, app);
  const number = nextLicenceNumber(ctx, authority);
  const pdf = await renderLicence({
    number,
    date: kazakhstanDate(ctx.now()),
    activity: service.activity,
    licenceType: service.licenceType,
    subtypes: service.subtypes,
    validity: service.validity,
    licensee: licenseeOf(app),
    licensor: { kk: authority.nameKk, ru: authority.nameRu },
    headName: user.fullName,
    placeOfIssue: { kk: authority.placeKk, ru: authority.placeRu },
  });
  return signAndRecord(ctx, app, key, user, 'licence', number, '', pdf, authority);
}

export async function refuseLicence(ctx: CoreContext, input: KeyInput & { applicationId: string; reason: string }, user: UserRecord) {
  const { app, authority } = requireReady(ctx, input.applicationId, 'refuse');
  const key = await openHeadKey(ctx, input, user);
  const { service, procedure } = procedureOf(ctx, app);
  const checklist = checklistOf(ctx.db, app.id);
  const unmet = procedure.qualification
    .filter((item) => checklist.get(item.code)?.met === false)
    .map((item) => ({ text: item.text, note: checklist.get(item.code)?.note ?? '' }));
  const year = kazakhstanDate(ctx.now()).slice(0, 4);
  const seq = inTransaction(ctx, () => nextCounter(ctx.db, `refusal:${year}`));
  const number = `${authority.officeCode}-${year}-R${String(seq).padStart(5, '0')}`;
  const pdf = await renderRefusal({
    number,
    date: kazakhstanDate(ctx.now()),
    service: service.name,
    journalNumber: app.journalNumber ?? '',
    licensee: licenseeOf(app),
    unmet,
    reason: input.reason,
    licensor: { kk: authority.nameKk, ru: authority.nameRu },
    headName: user.fullName,
  });
  return signAndRecord(ctx, app, key, user, 'refusal', number, input.reason, pdf, authority);
}

export function decisionPdf(ctx: CoreContext, decisionId: string) {
  const decision = getDecision(ctx.db, decisionId);
  if (!decision) throw new AppError('not-found', 'decision');
  const safeNumber = decision.number.replace(/[^A-Za-z0-9-]/g, '_');
  return {
    fileName: `${decision.kind === 'licence' ? 'licence' : 'refusal'}-${safeNumber}.pdf`,
    contentBase64: ctx.blobs.get(decision.pdfSha256).toString('base64'),
  };
}
