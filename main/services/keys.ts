import { AppError } from '../../domain/api/errors';
import type { KeyCertificate } from '../../domain/api/contract';
import { KeyFileError, openKeyFileEntries } from '../../pki/certificates/key-file';

/** What a key file holds, read as Kazakh systems read it, so the user sees whose key it is before signing. */
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
    purpose: c.canSign ? 'signing' : c.canAuthenticate ? 'authentication' : 'other',
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    issuer: c.issuer,
  }));
}
