import type { Db } from '../db';

/** This desk's enrolment with the central registry: where it is, who the desk is, the keys it talks with. */
/** Where the public checks this office's licences, as the registry told it at enrolment (the QR codes link there): a sync value's key. */
export const PUBLIC_CHECK_URL = 'public-check-url';

export interface Enrolment {
  registryUrl: string;
  clientId: string;
  authorityBin: string;
  officeCode: string;
  caPem: string;
  certificatePem: string;
  privateKeyPem: string;
  enrolledAt: string;
}

export function getEnrolment(db: Db): Enrolment | null {
  return (
    (db
      .prepare(
        `SELECT registry_url AS registryUrl, client_id AS clientId, authority_bin AS authorityBin, office_code AS officeCode, ca_pem AS caPem,
           certificate_pem AS certificatePem, private_key_pem AS privateKeyPem, enrolled_at AS enrolledAt FROM registry_enrolment WHERE id = 1`,
      )
      .get() as Enrolment | undefined) ?? null
  );
}

export function saveEnrolment(db: Db, e: Enrolment): void {
  db.prepare(
    `INSERT INTO registry_enrolment (id, registry_url, client_id, authority_bin, office_code, ca_pem, certificate_pem, private_key_pem, enrolled_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.registryUrl, e.clientId, e.authorityBin, e.officeCode, e.caPem, e.certificatePem, e.privateKeyPem, e.enrolledAt);
}

export function getSyncValue(db: Db, key: string): string | null {
  return (db.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

export function setSyncValue(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function clearSyncValue(db: Db, key: string): void {
  db.prepare('DELETE FROM sync_state WHERE key = ?').run(key);
}

/** What the registry assigned to an application or changed of it centrally. */
export function recordRegistryFacts(db: Db, applicationId: string, facts: { registryNumber?: string; registryStatus?: string }, at: string): void {
  db.prepare(
    `INSERT INTO application_sync (application_id, registry_number, registry_status, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (application_id) DO UPDATE SET registry_number = coalesce(excluded.registry_number, registry_number),
       registry_status = coalesce(excluded.registry_status, registry_status), updated_at = excluded.updated_at`,
  ).run(applicationId, facts.registryNumber ?? null, facts.registryStatus ?? null, at);
}

export function registryFactsOf(db: Db, applicationId: string): { registryNumber: string | null; registryStatus: string | null } | null {
  return (
    (db.prepare('SELECT registry_number AS registryNumber, registry_status AS registryStatus FROM application_sync WHERE application_id = ?').get(applicationId) as
      | { registryNumber: string | null; registryStatus: string | null }
      | undefined) ?? null
  );
}

/** The desk's new identity after it enrolled again (same client id, a new key and certificate). */
export function replaceEnrolmentIdentity(db: Db, e: Pick<Enrolment, 'caPem' | 'certificatePem' | 'privateKeyPem' | 'enrolledAt'>): void {
  db.prepare('UPDATE registry_enrolment SET ca_pem = ?, certificate_pem = ?, private_key_pem = ?, enrolled_at = ? WHERE id = 1').run(e.caPem, e.certificatePem, e.privateKeyPem, e.enrolledAt);
}
