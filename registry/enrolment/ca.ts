import { createRegistryCa, type PemPair } from '../../pki/tls/registry-ca';
import { isSealed, type Sealer } from '../../pki/sealing';
import type { Sql } from '../db/sql';

/**
 * The registry's CA lives in its database, so every instance on one database certifies and trusts the
 * same desks; its private key sealed under the operator's key (a database read is no key). The first
 * instance to start makes it; one starting at the same moment keeps the winner's. A key an older
 * registry kept in the clear is sealed the first time it is read.
 */
export async function registryCa(db: Sql, sealer: Sealer, now: Date): Promise<PemPair> {
  const found = await db.query<{ certificate_pem: string; private_key_pem: string }>('SELECT certificate_pem, private_key_pem FROM registry_ca WHERE id = 1');
  if (found[0]) {
    const privateKeyPem = sealer.open(found[0].private_key_pem);
    if (!isSealed(found[0].private_key_pem)) await db.query('UPDATE registry_ca SET private_key_pem = $1 WHERE id = 1 AND private_key_pem = $2', [sealer.seal(privateKeyPem), found[0].private_key_pem]);
    return { certificatePem: found[0].certificate_pem, privateKeyPem };
  }
  const made = createRegistryCa(now);
  await db.query('INSERT INTO registry_ca (id, certificate_pem, private_key_pem) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING', [made.certificatePem, sealer.seal(made.privateKeyPem)]);
  return registryCa(db, sealer, now);
}
