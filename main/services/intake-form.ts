import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json';
import { getAuthority } from '../../db/repositories/authority';
import { documentsOf, paperMarksOf } from '../../db/repositories/documents';
import type { ApplicationRecord } from '../../db/repositories/applications';
import type { CoreContext } from '../context';
import { applicantOf, representationOf } from './application-view';
import { AppError } from '../../domain/api/errors';
import { verifyDetachedCms } from '../../pki/cms/verify';
import { judgeSignature } from '../../pki/cms/judge';
import { revocationLookup } from './revocation';
import { trustedDers } from './trust';
import { enteredData } from './identity-checks';

/**
 * The filled intake form as the clerk certifies it with EDS (diagram No. 2, process 6): service,
 * applicant and representative as the state databases gave them, and every attached document by its
 * SHA-256 — canonical JSON, so the same form always gives the same bytes to sign and to verify.
 */
export function intakeFormBytes(ctx: CoreContext, app: ApplicationRecord): Buffer {
  const marks = paperMarksOf(ctx.db, app.id);
  const form = {
    form: 'ajo-intake/1',
    applicationId: app.id,
    authorityBin: getAuthority(ctx.db)?.bin ?? null,
    serviceCode: app.serviceCode,
    procedure: app.procedure,
    catalogueVersion: app.catalogueVersion,
    // As certified: what was entered by hand stays the form's, even after the databases' data replaced it.
    applicant: enteredData(ctx.db, app.id, 'applicant') ?? applicantOf(app),
    representation: enteredRepresentation(ctx, app) ?? representationOf(app),
    documents: documentsOf(ctx.db, app.id).map((d) => ({ slot: d.slotCode, fileName: d.fileName, sha256: d.sha256, pages: d.pages })),
    paperPresented: [...marks].filter(([, presented]) => presented).map(([slot]) => slot).sort(),
    // Only when named: the forms of issues signed before reissues named their original keep their bytes.
    ...(app.originalNumber ? { originalNumber: app.originalNumber } : {}),
  };
  return Buffer.from(canonicalJson(form), 'utf8');
}

function enteredRepresentation(ctx: CoreContext, app: ApplicationRecord) {
  const poa = enteredData(ctx.db, app.id, 'poa');
  return poa ? { kind: 'notarised', poa } : null;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Checks the clerk's signature on the registered form against the form as the database now holds it. */
export function verifyIntakeForm(ctx: CoreContext, app: ApplicationRecord) {
  if (!app.formCmsSha256 || !app.formSha256) throw new AppError('invalid-state', 'form-not-signed');
  const form = intakeFormBytes(ctx, app);
  const cms = verifyDetachedCms(ctx.blobs.get(app.formCmsSha256, `${app.journalNumber ?? app.id}.cms`), form);
  const problems = [...cms.problems];
  if (sha256(form) !== app.formSha256) problems.push('form-changed-after-signing');
  if (!cms.signerDer) return { valid: false, signingTime: null, signer: null, chainTrusted: null, timestamp: null, problems };
  const judged = judgeSignature(cms, cms.signingTime, { trusted: trustedDers(ctx), revocation: revocationLookup(ctx), now: ctx.now() });
  problems.push(...judged.problems);
  return {
    valid: cms.signatureValid && problems.length === 0,
    signingTime: cms.signingTime?.toISOString() ?? null,
    signer: judged.signer,
    chainTrusted: judged.chainTrusted,
    timestamp: judged.timestamp,
    problems,
  };
}
