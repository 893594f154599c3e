import { createRegistryCa, type PemPair } from '../../pki/tls/registry-ca';
import type { Sql } from '../db/sql';

/**
 * The registry's CA lives in its database, so every instance on one database certifies and trusts the
 * same desks. The first instance to start makes it; one starting at the same moment keeps the winner's.
 */
export async function registryCa(db: Sql, now: Date): Promise<PemPair> {
  const found = await db.query<{ certificate_pem: string; private_key_pem: string }>('SELECT certificate_pem, private_key_pem FROM registry_ca WHERE id = 1');
  if (found[0]) return { certificatePem: found[0].certificate_pem, privateKeyPem: found[0].private_key_pem };
  const made = createRegistryCa(now);
  await db.query('INSERT INTO registry_ca (id, certificate_pem, private_key_pem) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING', [made.certificatePem, made.privateKeyPem]);
  return registryCa(db, now);
}
