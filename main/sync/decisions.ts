import { decisionFactsIn, type DecisionFacts } from '../licence/decision-facts';
import { verifyPdf } from '../../pki/pdf/verify-pdf';
import { getApplication } from '../../db/repositories/applications';
import { insertDecision } from '../../db/repositories/decisions';
import { decisionsToFetch, noteDecisionProblem, removeDecisionToFetch, type DecisionToFetch } from '../../db/repositories/decisions-to-fetch';
import { appendEvent } from '../../db/repositories/events';
import { putDirectoryUser } from '../../db/repositories/office-directory';
import { findUserById } from '../../db/repositories/users';
import { considerationRefusalOf, markConsiderationRefusalSigned } from '../../db/repositories/consideration-refusals';
import type { CoreContext } from '../context';
import { RegistryRefused, RegistryUnreachable } from './transport';

type DecisionContext = Pick<CoreContext, 'db' | 'blobs' | 'now'>;

/**
 * Decisions signed at another desk of the office reach this one as the registry names them; their signed
 * PDFs are fetched (during sync, or when the application is opened) and each is taken in only once it
 * checks: the signature whole and intact over the entire file, and the facts it carries under that
 * signature those of this application and the number the registry gave. The signer's chain was judged by
 * the registry before it accepted the decision; the verify screen judges it here again on request.
 * Returns how many were taken in.
 */
export async function fetchOfficeDecisions(ctx: DecisionContext, getFile: (sha256: string) => Promise<Buffer>, only?: string): Promise<number> {
  let taken = 0;
  let offline = false;
  for (const pending of decisionsToFetch(ctx.db)) {
    if (pending.problem !== null || (only && pending.applicationId !== only)) continue;
    if (!ctx.blobs.has(pending.pdfSha256)) {
      if (offline) continue;
      try {
        ctx.blobs.put(await getFile(pending.pdfSha256));
      } catch (error) {
        // Offline, or the registry without it for now: the next sync or opening asks again (those here already are taken all the same).
        if (!(error instanceof RegistryUnreachable || error instanceof RegistryRefused)) throw error;
        offline = error instanceof RegistryUnreachable;
        continue;
      }
    }
    if (await takeDecision(ctx, pending)) taken++;
  }
  return taken;
}

/** Why a fetched signed PDF is not the decision the registry named, or null when it is. */
async function problemWith(pending: DecisionToFetch, pdf: Buffer, expectedKind: 'licence' | 'refusal'): Promise<{ facts: DecisionFacts; problem?: never } | { problem: string; facts?: never }> {
  const report = verifyPdf(pdf, null);
  const last = report.signatures.at(-1);
  if (!last || !report.signatures.every((s) => s.signatureValid) || !last.coversWholeFile) return { problem: 'signature-invalid' };
  const { facts } = await decisionFactsIn(pdf);
  if (!facts) return { problem: 'no-decision-facts' };
  const matches =
    facts.applicationId === pending.applicationId && facts.number === pending.number && facts.kind === expectedKind && facts.signerIin === (last.signer?.iin ?? '');
  return matches ? { facts } : { problem: 'differs-from-registry' };
}

async function takeDecision(ctx: DecisionContext, pending: DecisionToFetch): Promise<boolean> {
  const app = getApplication(ctx.db, pending.applicationId);
  // Decided here meanwhile, or (a command of this desk waiting) not following the registry's status yet.
  const expectedKind = app?.status === 'issued' ? 'licence' : app?.status === 'refused' ? 'refusal' : null;
  if (!app || !expectedKind) return false;
  const checked = await problemWith(pending, ctx.blobs.get(pending.pdfSha256), expectedKind);
  const at = ctx.now().toISOString();
  return ctx.db.transaction(() => {
    if (!checked.facts) {
      noteDecisionProblem(ctx.db, app.id, checked.problem);
      appendEvent(ctx.db, { at, actorId: null, entity: 'application', entityId: app.id, type: 'decision.refused-from-registry', payload: { number: pending.number, problem: checked.problem } });
      return false;
    }
    const { facts } = checked;
    // Its signer as the document names them: a colleague of another desk, listed as such if not yet.
    if (!findUserById(ctx.db, facts.signerUserId)) {
      putDirectoryUser(ctx.db, { id: facts.signerUserId, username: 'signer', fullName: facts.signerName, roles: ['head'], active: true }, { clientId: pending.signedAtDesk, name: '' }, at);
    }
    insertDecision(ctx.db, {
      id: pending.decisionId,
      applicationId: app.id,
      kind: facts.kind,
      number: facts.number,
      reason: facts.reason,
      pdfSha256: pending.pdfSha256,
      signedAt: facts.signedAt,
      signerUserId: facts.signerUserId,
      signerName: facts.signerName,
      signerIin: facts.signerIin,
      qrPayload: facts.qr,
    });
    if (facts.kind === 'refusal' && considerationRefusalOf(ctx.db, app.id)) markConsiderationRefusalSigned(ctx.db, app.id, pending.decisionId);
    removeDecisionToFetch(ctx.db, app.id);
    appendEvent(ctx.db, { at, actorId: null, entity: 'application', entityId: app.id, type: 'decision.received', payload: { number: facts.number, kind: facts.kind, pdfSha256: pending.pdfSha256 } });
    return true;
  })();
}
