import type { Db } from '../db';

export interface TrustedCertificate {
  sha256: string;
  subject: string;
  der: Buffer;
}

export function addTrustedCertificate(db: Db, cert: TrustedCertificate, addedAt: string): boolean {
  const result = db
    .prepare('INSERT INTO trusted_certificates (sha256, subject, der, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
    .run(cert.sha256, cert.subject, cert.der, addedAt);
  return result.changes === 1;
}

export function trustedCertificates(db: Db): TrustedCertificate[] {
  return db.prepare('SELECT sha256, subject, der FROM trusted_certificates ORDER BY added_at').all() as TrustedCertificate[];
}
