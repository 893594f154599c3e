import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../domain/api/errors';
import { EnrolResponse } from '../../domain/sync/protocol';
import { newId } from '../../db/ids';
import { getAuthority } from '../../db/repositories/authority';
import { clearSyncValue, getEnrolment, getSyncValue, replaceEnrolmentIdentity, saveEnrolment, setSyncValue, PUBLIC_CHECK_URL, type Enrolment } from '../../db/repositories/registry-link';
import { renumberWaiting } from '../../db/repositories/outbox';
import { closeHeldNumbers } from './numbers-held';
import { createDeskKey } from '../../pki/tls/registry-ca';
import { isSealed, loadSealKey, SealKeyError, sealerOf } from '../../pki/sealing';
import { existsSync } from 'node:fs';
import { deskKeyPath } from '../storage';
import type { Db } from '../../db/db';
import { enrolmentMac } from '../../pki/tls/enrolment-mac';
import type { CoreContext } from '../context';
import { registryTransport, RegistryRefused, RegistryUnreachable } from './transport';

/**
 * Enrols this desk with the registry, once, with the one-time code its administrator issued. The desk
 * makes its own key (it never leaves the desk), the registry certifies it; the registry's CA is trusted
 * only if the answer carries a MAC under the code — no one without the code can pose as the registry.
 */
export async function enrolDesk(ctx: Pick<CoreContext, 'db' | 'now' | 'secrets'>, input: { registryUrl: string; code: string; deskName: string }): Promise<Enrolment> {
  const current = openEnrolment(ctx);
  // Enrolled once; again only when the registry has said this desk diverged (restored from a backup, a copied database).
  if (current && !getSyncValue(ctx.db, DIVERGED)) throw new AppError('invalid-state', 'already-enrolled');
  const authority = getAuthority(ctx.db);
  if (!authority) throw new AppError('invalid-state', 'authority-not-configured');
  const clientId = current?.clientId ?? newId();
  const key = createDeskKey(clientId);
  const transport = registryTransport(input.registryUrl, { caPem: null });
  let answer: EnrolResponse;
  try {
    answer = await transport.postJson('/v1/enrol', { code: input.code, csrPem: key.csrPem, clientId, deskName: input.deskName }, EnrolResponse);
  } catch (error) {
    if (error instanceof RegistryUnreachable) throw new AppError('data-unavailable', 'registry-unreachable');
    if (error instanceof RegistryRefused) throw new AppError('invalid-input', error.code === 'enrolment-code-invalid' ? 'enrolment-code-invalid' : 'registry-refused', { code: error.code });
    throw error;
  } finally {
    transport.close();
  }
  const expected = Buffer.from(enrolmentMac(input.code, answer.caPem, answer.certificatePem, answer.publicCheckUrl ?? null), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(answer.mac, 'hex'))) throw new AppError('invalid-state', 'registry-not-authentic');
  if (answer.authorityBin !== authority.bin) throw new AppError('invalid-state', 'registry-office-of-another-authority');
  if (answer.publicCheckUrl) setSyncValue(ctx.db, PUBLIC_CHECK_URL, answer.publicCheckUrl);
  if (current) return resume(ctx, current, { caPem: answer.caPem, certificatePem: answer.certificatePem, privateKeyPem: key.privateKeyPem }, answer.lastMutationId);
  const enrolment: Enrolment = {
    registryUrl: input.registryUrl,
    clientId,
    authorityBin: answer.authorityBin,
    officeCode: answer.officeCode,
    caPem: answer.caPem,
    certificatePem: answer.certificatePem,
    privateKeyPem: key.privateKeyPem,
    enrolledAt: ctx.now().toISOString(),
  };
  saveEnrolment(ctx.db, { ...enrolment, privateKeyPem: ctx.secrets.seal(enrolment.privateKeyPem) });
  return enrolment;
}

/** The desk's enrolment with its TLS key opened, for a connection to the registry (the database holds it sealed). */
export function openEnrolment(ctx: Pick<CoreContext, 'db' | 'secrets'>): Enrolment | null {
  const stored = getEnrolment(ctx.db);
  return stored ? { ...stored, privateKeyPem: ctx.secrets.open(stored.privateKeyPem) } : null;
}

/**
 * The same from a database opened read-only, without a core (ajo audit verify): the desk's sealing key
 * read from its file; where the app keeps it in the OS keystore, the command has no way in (null).
 */
export function openEnrolmentReadOnly(db: Db, dataDir: string): Enrolment | null {
  const keyFile = deskKeyPath(dataDir);
  if (!existsSync(keyFile)) return null;
  try {
    return openEnrolment({ db, secrets: sealerOf(loadSealKey({ keyFile })) });
  } catch (error) {
    if (error instanceof SealKeyError) return null;
    throw error;
  }
}

/** A key an older version kept in the clear is sealed when the desk starts. */
export function sealEnrolmentKey(ctx: Pick<CoreContext, 'db' | 'secrets'>): void {
  const stored = getEnrolment(ctx.db);
  if (stored && !isSealed(stored.privateKeyPem)) replaceEnrolmentIdentity(ctx.db, { ...stored, privateKeyPem: ctx.secrets.seal(stored.privateKeyPem) });
}

/** The sync value that holds the registry's word that this desk diverged (when, and why). */
export const DIVERGED = 'diverged';

/**
 * A diverged desk enrolled again: its new identity kept, its waiting commands numbered on after the
 * last the registry has of it, and every leased block closed — it leases fresh numbers (past every block
 * the registry ever leased) before it signs again, so nothing it signs can reuse a number its lost copy gave.
 */
function resume(ctx: Pick<CoreContext, 'db' | 'now' | 'secrets'>, current: Enrolment, identity: Pick<Enrolment, 'caPem' | 'certificatePem' | 'privateKeyPem'>, lastMutationId: number): Enrolment {
  const enrolment = { ...current, ...identity, enrolledAt: ctx.now().toISOString() };
  ctx.db.transaction(() => {
    replaceEnrolmentIdentity(ctx.db, { ...enrolment, privateKeyPem: ctx.secrets.seal(enrolment.privateKeyPem) });
    renumberWaiting(ctx.db, lastMutationId);
    closeHeldNumbers(ctx.db);
    clearSyncValue(ctx.db, DIVERGED);
  })();
  return enrolment;
}
