import type { Db } from '../db';

export interface StoredOcspAnswer {
  certificateSha256: string;
  issuerSha256: string;
  status: 'good' | 'revoked' | 'unknown';
  revokedAt: string | null;
  thisUpdate: string;
  nextUpdate: string | null;
  producedAt: string;
  fetchedAt: string;
}

/** Keeps the newest answer for the certificate, with the response that carried it. */
export function saveOcspAnswer(db: Db, answer: StoredOcspAnswer, der: Buffer): void {
  db.prepare(
    `INSERT INTO ocsp_responses (certificate_sha256, issuer_sha256, status, revoked_at, this_update, next_update, produced_at, fetched_at, der)
     VALUES (@certificateSha256, @issuerSha256, @status, @revokedAt, @thisUpdate, @nextUpdate, @producedAt, @fetchedAt, @der)
     ON CONFLICT (certificate_sha256) DO UPDATE SET issuer_sha256 = excluded.issuer_sha256, status = excluded.status,
       revoked_at = excluded.revoked_at, this_update = excluded.this_update, next_update = excluded.next_update,
       produced_at = excluded.produced_at, fetched_at = excluded.fetched_at, der = excluded.der`,
  ).run({ ...answer, der });
}

export function ocspAnswer(db: Db, certificateSha256: string): StoredOcspAnswer | null {
  const row = db.prepare('SELECT * FROM ocsp_responses WHERE certificate_sha256 = ?').get(certificateSha256) as Record<string, string | null> | undefined;
  if (!row) return null;
  return {
    certificateSha256: row.certificate_sha256!,
    issuerSha256: row.issuer_sha256!,
    status: row.status as StoredOcspAnswer['status'],
    revokedAt: row.revoked_at ?? null,
    thisUpdate: row.this_update!,
    nextUpdate: row.next_update ?? null,
    producedAt: row.produced_at!,
    fetchedAt: row.fetched_at!,
  };
}
