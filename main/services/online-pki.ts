import { createHash, randomBytes } from 'node:crypto';
import { addUnsignedAttribute, signatureValue, signerAlgorithms } from '../../pki/cms/builder';
import { parseDerExact } from '../../pki/asn1/der';
import { OID } from '../../pki/asn1/oids';
import { latestCrl } from '../../db/repositories/crls';
import { saveOcspAnswer } from '../../db/repositories/ocsp';
import { inTransaction, type CoreContext } from '../context';
import { fetchPki } from '../../pki/online/fetch';
import { ocspRequest, readOcspResponse } from '../../pki/revocation/ocsp';
import { readTimestampResponse, signatureImprint, timestampRequest } from '../../pki/cms/timestamp';
import type { KazakhCertificate } from '../../pki/certificates/certificate';
import { trustedPath } from '../../pki/certificates/checks';
import { networkSettings } from './pki-settings';
import { importCrl } from './revocation';
import { trustedDers } from './trust';

/**
 * What the office asks the NCA when it is online: fresh CRLs from the distribution points written in
 * the certificate, an OCSP answer for the certificate, and a time-stamp on each new signature. Every
 * step is optional: offline, the imported CRLs decide and signatures carry no time-stamp.
 */
const sha256Hex = (der: Buffer) => createHash('sha256').update(der).digest('hex');

/** Downloads the CA's CRL (full, then delta) when the stored one is missing or past its nextUpdate. */
async function refreshCrls(ctx: CoreContext, certificate: KazakhCertificate, issuerDer: Buffer): Promise<void> {
  const now = ctx.now();
  for (const [delta, urls] of [[false, certificate.endpoints.crl], [true, certificate.endpoints.deltaCrl]] as const) {
    const stored = latestCrl(ctx.db, sha256Hex(issuerDer), delta);
    if (stored && (stored.nextUpdate === null || new Date(stored.nextUpdate) > now)) continue;
    for (const url of urls) {
      try {
        importCrl(ctx, await fetchPki({ url, accept: 'application/pkix-crl' }), null, 'download');
        break;
      } catch {
        // The next distribution point, or the stored CRL with the stale rule.
      }
    }
  }
}

/** Asks the OCSP responder about the certificate and keeps a proved answer; nothing is kept otherwise. */
async function refreshOcsp(ctx: CoreContext, certificate: KazakhCertificate, issuerDer: Buffer, ocspUrl: string | null): Promise<void> {
  const url = ocspUrl ?? certificate.endpoints.ocsp[0];
  if (!url) return;
  const nonce = randomBytes(16);
  try {
    const response = await fetchPki({ url, body: ocspRequest(certificate.der, issuerDer, nonce), contentType: 'application/ocsp-request', accept: 'application/ocsp-response' });
    const now = ctx.now();
    const answer = readOcspResponse(response, { certificateDer: certificate.der, issuerDer, nonce, now });
    inTransaction(ctx, () =>
      saveOcspAnswer(
        ctx.db,
        {
          certificateSha256: certificate.sha256,
          issuerSha256: sha256Hex(issuerDer),
          status: answer.status,
          revokedAt: answer.revokedAt?.toISOString() ?? null,
          thisUpdate: answer.thisUpdate.toISOString(),
          nextUpdate: answer.nextUpdate?.toISOString() ?? null,
          producedAt: answer.producedAt.toISOString(),
          fetchedAt: now.toISOString(),
        },
        response,
      ),
    );
  } catch {
    // Unreachable, or an answer that did not prove itself: the CRLs decide.
  }
}

/** Brings revocation data for a certificate up to date when the office is online; never fails. */
export async function refreshRevocation(ctx: CoreContext, certificate: KazakhCertificate, issuerDer: Buffer): Promise<void> {
  const settings = networkSettings(ctx);
  if (!settings.online) return;
  await refreshCrls(ctx, certificate, issuerDer);
  await refreshOcsp(ctx, certificate, issuerDer, settings.ocspUrl);
}

/** The issuer of a certificate through the trust store (chain certificates may come with it), or null. */
export function issuerOf(ctx: CoreContext, certificateDer: Buffer, chain: Buffer[], at: Date): Buffer | null {
  return trustedPath(certificateDer, chain, trustedDers(ctx), at)?.[1] ?? null;
}

export type TimestampOutcome = { cms: Buffer; time: Date } | { cms: Buffer; time: null; problem: string };

/**
 * Adds a signature time-stamp (RFC 3161) from the configured TSA to a CMS. Without a TSA, offline, or
 * when the TSA's answer does not prove itself, the CMS stays as it is: still a valid signature.
 */
export async function timestampSignature(ctx: CoreContext, cms: Buffer): Promise<TimestampOutcome> {
  const settings = networkSettings(ctx);
  if (!settings.tsaUrl) return { cms, time: null, problem: 'timestamp-not-configured' };
  if (!settings.online) return { cms, time: null, problem: 'timestamp-offline' };
  // The imprint is hashed as the signature itself was: SHA-256 for RSA, Streebog for GOST.
  const { digestOid } = signerAlgorithms(cms);
  const digest = signatureImprint(signatureValue(cms), digestOid);
  if (!digest) return { cms, time: null, problem: 'timestamp-unavailable' };
  const ask = { digest, digestOid, nonce: randomBytes(8), ...(settings.tsaPolicy ? { policy: settings.tsaPolicy } : {}) };
  try {
    const response = await fetchPki({ url: settings.tsaUrl, body: timestampRequest(ask), contentType: 'application/timestamp-query', accept: 'application/timestamp-reply' });
    const { token, read } = readTimestampResponse(response, ask);
    if (!read.tsaCertificate || !trustedPath(read.tsaCertificate, read.certificates, trustedDers(ctx), read.time)) return { cms, time: null, problem: 'timestamp-untrusted' };
    return { cms: addUnsignedAttribute(cms, OID.signatureTimeStampToken, parseDerExact(token)), time: read.time };
  } catch {
    return { cms, time: null, problem: 'timestamp-unavailable' };
  }
}
