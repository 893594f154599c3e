import { AppError } from '../../domain/api/errors';
import type { KeyCertificate } from '../../domain/api/contract';
import { KeyFileError, openKeyFileEntries } from '../../pki/certificates/key-file';
import type { KazakhCertificate } from '../../pki/certificates/certificate';

/** What a certificate's key may do, as the key field and `ajo key show` say it. */
function purposeOf(c: KazakhCertificate): KeyCertificate['purpose'] {
  if (c.canSign && c.canAuthenticate) return 'both';
  return c.canSign ? 'signing' : c.canAuthenticate ? 'authentication' : 'other';
}

/**
 * What a key file holds, read as Kazakh systems read it, so the user sees whose key it is before signing. A GOST
 * 34.310-2004 key is refused with its reason (NCA no longer time-stamps such signatures), as for signing.
 */
export function inspectKeyFile(keyFile: Buffer, password: string): KeyCertificate[] {
  let entries;
  try {
    entries = openKeyFileEntries(keyFile, password);
  } catch (error) {
    // Only looking at the certificate: "nothing was signed" would answer a question nobody asked.
    if (error instanceof KeyFileError) throw new AppError('key-unreadable', `key-${error.problem}`);
    throw error;
  }
  return entries.map(({ certificate: c }, index) => ({
    index,
    commonName: c.commonName,
    surname: c.surname,
    patronymic: c.patronymic,
    iin: c.iin,
    bin: c.bin,
    organization: c.organization,
    roles: c.roles,
    purpose: purposeOf(c),
    algorithm: c.keyAlgorithm,
    keyUsage: c.keyUsage,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    issuer: c.issuer,
    serial: c.serialHex,
  }));
}
