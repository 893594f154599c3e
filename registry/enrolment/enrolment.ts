import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { officeLetters } from '../../domain/sync/licence-numbers';
import type { EnrolRequest, EnrolResponse } from '../../domain/sync/protocol';
import { BadCertificateRequest, certificateSha256, issueDeskCertificate } from '../../pki/tls/registry-ca';
import type { RegistryDb, Sql } from '../db/sql';
import { registryCa } from './ca';
import { enrolmentMac } from '../../pki/tls/enrolment-mac';
import { RegistryRefusal } from '../refusal';
import { recordOperatorAction } from '../admin/operator-log';

/** How long an enrolment code stays good. */
const CODE_LIFETIME_MS = 7 * 24 * 3600 * 1000;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const codeHash = (code: string) => createHash('sha256').update(code).digest('hex');

/** Four groups of five base32 letters: 100 random bits, easy to read out over the phone. */
function newCode(): string {
  const bytes = randomBytes(20);
  const letters = [...bytes].map((b) => BASE32[b % 32]).join('');
  return [0, 5, 10, 15].map((i) => letters.slice(i, i + 5)).join('-');
}

/** The registry's administrator issues a one-time code for a desk of an office (the office is created on first use). */
export async function issueEnrolmentCode(db: RegistryDb, office: { authorityBin: string; officeCode: string }, now: Date): Promise<{ code: string; expiresAt: string; officeId: string }> {
  if (!/^\d{12}$/.test(office.authorityBin)) throw new RegistryRefusal(400, 'invalid-authority-bin');
  if (!/^[A-Z0-9]{2,8}$/.test(office.officeCode)) throw new RegistryRefusal(400, 'invalid-office-code');
  return db.transaction(async (tx) => {
    await tx.query('INSERT INTO offices (id, authority_bin, code, letters) VALUES ($1, $2, $3, $4) ON CONFLICT (authority_bin, code) DO NOTHING', [
      randomUUID(),
      office.authorityBin,
      office.officeCode,
      officeLetters(office.officeCode),
    ]);
    const [row] = await tx.query<{ id: string }>('SELECT id FROM offices WHERE authority_bin = $1 AND code = $2', [office.authorityBin, office.officeCode]);
    const code = newCode();
    const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS);
    await tx.query('INSERT INTO enrolment_codes (code_sha256, office_id, expires_at) VALUES ($1, $2, $3)', [codeHash(code), row!.id, expiresAt]);
    // The code itself is never logged: only that one was issued, for which office, until when.
    await recordOperatorAction(tx, 'enrolment-code', { authorityBin: office.authorityBin, officeCode: office.officeCode, expiresAt: expiresAt.toISOString() }, now);
    return { code, expiresAt: expiresAt.toISOString(), officeId: row!.id };
  });
}

/**
 * A desk enrols with its one-time code: the code is spent, the desk recorded, its certificate issued —
 * in one transaction, so a code is never spent without a desk, nor used twice.
 */
export async function enrolDesk(db: RegistryDb, request: EnrolRequest, now: Date, publicCheckUrl: string | null = null): Promise<EnrolResponse> {
  return db.transaction(async (tx: Sql) => {
    const [code] = await tx.query<{ office_id: string; expires_at: Date; used_at: Date | null }>(
      'SELECT office_id, expires_at, used_at FROM enrolment_codes WHERE code_sha256 = $1 FOR UPDATE',
      [codeHash(request.code)],
    );
    if (!code || code.used_at || code.expires_at.getTime() < now.getTime()) throw new RegistryRefusal(403, 'enrolment-code-invalid');
    const [known] = await tx.query<{ office_id: string; diverged_at: Date | null; last_mutation_id: number }>(
      'SELECT office_id, diverged_at, last_mutation_id FROM desks WHERE client_id = $1 FOR UPDATE',
      [request.clientId],
    );
    // A desk enrols once; only one that has diverged (restored from a backup, copied) enrols again, with a code for its own office.
    if (known && (!known.diverged_at || known.office_id !== code.office_id)) throw new RegistryRefusal(409, 'desk-already-enrolled');
    const [office] = await tx.query<{ authority_bin: string; code: string }>('SELECT authority_bin, code FROM offices WHERE id = $1', [code.office_id]);
    const ca = await registryCa(tx, db.sealer, now);
    let certificatePem: string;
    try {
      certificatePem = issueDeskCertificate(ca, request.csrPem, { clientId: request.clientId, officeCode: office!.code, authorityBin: office!.authority_bin }, now);
    } catch (error) {
      if (error instanceof BadCertificateRequest) throw new RegistryRefusal(400, 'bad-certificate-request', error.message);
      throw error;
    }
    await tx.query('UPDATE enrolment_codes SET used_at = $2, used_by = $3 WHERE code_sha256 = $1', [codeHash(request.code), now, request.clientId]);
    if (known) await fastForward(tx, request.clientId, certificateSha256(certificatePem), now);
    else {
      await tx.query('INSERT INTO desks (client_id, office_id, name, certificate_sha256, enrolled_at) VALUES ($1, $2, $3, $4, $5)', [
        request.clientId,
        code.office_id,
        request.deskName,
        certificateSha256(certificatePem),
        now,
      ]);
    }
    return {
      lastMutationId: known?.last_mutation_id ?? 0,
      certificatePem,
      caPem: ca.certificatePem,
      authorityBin: office!.authority_bin,
      officeCode: office!.code,
      ...(publicCheckUrl ? { publicCheckUrl } : {}),
      mac: enrolmentMac(request.code, ca.certificatePem, certificatePem, publicCheckUrl),
    };
  });
}

/**
 * A diverged desk enrolled again: its new certificate replaces the old, and its commands go on after the
 * last the registry has of it. Its numbers go on past everything too: the desk closes every block it held
 * and leases new ones from the sequence's counter, which no block — nor the lost copy's — ever goes back
 * behind; a number both copies signed is refused to the later as used.
 */
async function fastForward(tx: Sql, clientId: string, certificateSha: string, now: Date) {
  await tx.query('UPDATE desks SET certificate_sha256 = $2, diverged_at = NULL, diverged_detail = NULL, enrolled_at = $3 WHERE client_id = $1', [clientId, certificateSha, now]);
}

/** An enrolled desk as the registry knows it from its client certificate. */
export interface Desk {
  clientId: string;
  officeId: string;
  officeCode: string;
  letters: string;
  authorityBin: string;
  revoked: boolean;
  /** Told a mutation id it had used for something else: it pushes nothing more until enrolled again. */
  diverged: boolean;
}

export async function deskByCertificate(db: Sql, sha256: string): Promise<Desk | null> {
  const [row] = await db.query<{ client_id: string; office_id: string; code: string; letters: string; authority_bin: string; revoked_at: Date | null; diverged_at: Date | null }>(
    `SELECT d.client_id, d.office_id, o.code, o.letters, o.authority_bin, d.revoked_at, d.diverged_at
       FROM desks d JOIN offices o ON o.id = d.office_id WHERE d.certificate_sha256 = $1`,
    [sha256],
  );
  return row
    ? { clientId: row.client_id, officeId: row.office_id, officeCode: row.code, letters: row.letters, authorityBin: row.authority_bin, revoked: row.revoked_at !== null, diverged: row.diverged_at !== null }
    : null;
}

/** The registry's administrator withdraws a desk (stolen, decommissioned): its certificate opens nothing any more. */
export async function revokeDesk(db: RegistryDb, clientId: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.query('UPDATE desks SET revoked_at = $2 WHERE client_id = $1 AND revoked_at IS NULL RETURNING client_id', [clientId, now]);
    if (rows.length > 0) await recordOperatorAction(tx, 'desk-revoked', { clientId }, now);
    return rows.length > 0;
  });
}
