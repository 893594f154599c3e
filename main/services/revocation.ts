import { createHash } from 'node:crypto';
import { AppError } from '../../domain/api/errors';
import { latestCrl, replaceCrl, revocationEntry } from '../../db/repositories/crls';
import { ocspAnswer } from '../../db/repositories/ocsp';
import { appendEvent } from '../../db/repositories/events';
import { trustedCertificates } from '../../db/repositories/trust';
import { certificateParts } from '../../pki/asn1/certificate-parts';
import { integerHex } from '../../pki/asn1/der';
import { CLOCK_SKEW_MS } from '../../pki/revocation/clock-skew';
import { CrlError, crlIssuedBy, parseCrl } from '../../pki/revocation/crl';
import { inTransaction, type CoreContext } from '../context';
import type { RevocationLookup, RevocationPolicy } from '../../pki/certificates/checks';
import { networkSettings, staleRule } from './pki-settings';

export interface CrlImport {
  issuer: string;
  kind: 'full' | 'delta';
  crlNumber: number | null;
  nextUpdate: string | null;
  entries: number;
  replaced: boolean;
}

/**
 * Imports a CRL file (offline offices) after checking it: readable, signed by a CA in the trust store,
 * issued no later than now (give or take the clock skew), not past its nextUpdate, and newer than the one
 * it replaces.
 */
export function importCrl(ctx: Pick<CoreContext, 'db' | 'now'>, bytes: Buffer, actorId: string | null, source: 'file' | 'download' | 'registry' = 'file'): CrlImport {
  let crl;
  try {
    crl = parseCrl(bytes);
  } catch (error) {
    if (error instanceof CrlError) throw new AppError('invalid-input', `crl-${error.problem}`);
    throw error;
  }
  const issuer = trustedCertificates(ctx.db).find((ca) => crlIssuedBy(crl, ca.der));
  if (!issuer) throw new AppError('invalid-input', 'crl-issuer-not-trusted');
  const now = ctx.now();
  // A CRL dated ahead of our clock would outrank the genuine ones to come (see crl-older-than-stored).
  if (crl.thisUpdate.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new AppError('invalid-input', 'crl-from-the-future', { thisUpdate: crl.thisUpdate.toISOString() });
  if (crl.nextUpdate && crl.nextUpdate < now) throw new AppError('invalid-input', 'crl-expired', { nextUpdate: crl.nextUpdate.toISOString() });
  const isDelta = crl.deltaOf !== null;
  return inTransaction(ctx, () => {
    const current = latestCrl(ctx.db, issuer.sha256, isDelta);
    if (current && (crl.crlNumber ?? -1) < (current.crlNumber ?? -1)) throw new AppError('invalid-input', 'crl-older-than-stored');
    replaceCrl(
      ctx.db,
      {
        caSha256: issuer.sha256,
        crlNumber: crl.crlNumber,
        deltaOf: crl.deltaOf,
        thisUpdate: crl.thisUpdate.toISOString(),
        nextUpdate: crl.nextUpdate?.toISOString() ?? null,
        der: crl.der,
        entries: crl.revoked.map((r) => ({ serialHex: r.serialHex, revokedAt: r.revokedAt.toISOString() })),
      },
      now.toISOString(),
    );
    appendEvent(ctx.db, {
      at: now.toISOString(),
      actorId,
      entity: 'trust',
      entityId: issuer.sha256,
      type: 'crl.imported',
      payload: { kind: isDelta ? 'delta' : 'full', crlNumber: crl.crlNumber, entries: crl.revoked.length, source },
    });
    return {
      issuer: issuer.subject,
      kind: isDelta ? 'delta' : 'full',
      crlNumber: crl.crlNumber,
      nextUpdate: crl.nextUpdate?.toISOString() ?? null,
      entries: crl.revoked.length,
      replaced: current !== null,
    };
  });
}

/** Revocation from the imported CRLs: the newest full CRL of the issuing CA, and a delta that completes it. */
export function crlLookup(ctx: CoreContext): RevocationLookup {
  return (certDer, issuerDer, at) => {
    const caSha256 = createHash('sha256').update(issuerDer).digest('hex');
    const full = latestCrl(ctx.db, caSha256, false);
    if (!full) return { status: 'unknown', stale: true, source: null };
    const delta = latestCrl(ctx.db, caSha256, true);
    const usableDelta = delta && full.crlNumber !== null && delta.deltaOf !== null && delta.deltaOf <= full.crlNumber ? delta : null;
    const serial = integerHex(certificateParts(certDer).serial);
    const revokedAt = revocationEntry(ctx.db, full.id, serial) ?? (usableDelta ? revocationEntry(ctx.db, usableDelta.id, serial) : null);
    const newest = usableDelta ?? full;
    const stale = newest.nextUpdate !== null && new Date(newest.nextUpdate) < at;
    return revokedAt ? { status: 'revoked', revokedAt: new Date(revokedAt), stale, source: 'crl' } : { status: 'good', stale, source: 'crl' };
  };
}

/** An OCSP answer counts until its nextUpdate; one without a nextUpdate, for an hour after it was fetched. */
const OCSP_WITHOUT_NEXT_UPDATE_MS = 3_600_000;

/**
 * Revocation as the office knows it: a current OCSP answer about the certificate first (it is the
 * newest word of the NCA), the CRLs otherwise — and the CRLs too when OCSP does not know the certificate.
 */
export function revocationLookup(ctx: CoreContext): RevocationLookup {
  const fromCrls = crlLookup(ctx);
  return (certDer, issuerDer, at) => {
    const answer = ocspAnswer(ctx.db, createHash('sha256').update(certDer).digest('hex'));
    const current =
      answer &&
      answer.issuerSha256 === createHash('sha256').update(issuerDer).digest('hex') &&
      (answer.nextUpdate ? new Date(answer.nextUpdate) >= at : at.getTime() - new Date(answer.fetchedAt).getTime() < OCSP_WITHOUT_NEXT_UPDATE_MS);
    if (current && answer.status === 'revoked') return { status: 'revoked', revokedAt: new Date(answer.revokedAt!), stale: false, source: 'ocsp' };
    if (current && answer.status === 'good') return { status: 'good', stale: false, source: 'ocsp' };
    return fromCrls(certDer, issuerDer, at);
  };
}

export function revocationPolicy(ctx: CoreContext): RevocationPolicy {
  return { lookup: revocationLookup(ctx), staleRule: staleRule(ctx) };
}

/** The trust store with each CA's current full CRL, for the administrator's screen. */
export function trustOverview(ctx: CoreContext) {
  const now = ctx.now();
  return {
    staleRule: staleRule(ctx),
    network: networkSettings(ctx),
    certificates: trustedCertificates(ctx.db).map((ca) => {
      const crl = latestCrl(ctx.db, ca.sha256, false);
      return {
        sha256: ca.sha256,
        subject: ca.subject,
        crl: crl ? { crlNumber: crl.crlNumber, nextUpdate: crl.nextUpdate, stale: crl.nextUpdate !== null && new Date(crl.nextUpdate) < now } : null,
      };
    }),
  };
}
