import { AppError } from '../../domain/api/errors';
import { getAuthority } from '../../db/repositories/authority';
import { trustedCertificates } from '../../db/repositories/trust';
import type { CoreContext } from '../context';
import { checkSigningCertificate, type SigningCheck } from './checks';
import { revocationPolicy } from '../services/revocation';
import { KeyFileError, openKeyFile, type SigningKey } from './key-file';

/**
 * Opens a key to sign on the authority's behalf and runs every check first: validity, signing key,
 * chain to the trust store, revocation from the imported CRLs, the signer's IIN (when a user is signed
 * in), the authority's BIN, and the role (first head or person with signing right).
 */
export function openAuthorityKey(
  ctx: CoreContext,
  keyFile: Buffer,
  password: string,
  signerIin?: string | null,
  keyIndex?: number,
): SigningKey & { warnings: SigningCheck[] } {
  const authority = getAuthority(ctx.db);
  if (!authority) throw new AppError('invalid-state', 'authority-not-configured');
  let key: SigningKey;
  try {
    key = openKeyFile(keyFile, password, keyIndex);
  } catch (error) {
    if (error instanceof KeyFileError) throw new AppError('signing-refused', `key-${error.problem}`);
    throw error;
  }
  const { warnings } = checkSigningCertificate(key.certificate, {
    at: ctx.now(),
    trusted: trustedCertificates(ctx.db).map((t) => t.der),
    intermediates: key.chain,
    revocation: revocationPolicy(ctx),
    ...(signerIin === undefined ? {} : { iin: signerIin }),
    bin: authority.bin,
    roles: ['first-head', 'signing-right'],
  });
  return { ...key, warnings };
}
