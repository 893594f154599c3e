import { AppError } from '../../domain/api/errors';
import { getAuthority } from '../../db/repositories/authority';
import { trustedCertificates } from '../../db/repositories/trust';
import type { CoreContext } from '../context';
import { checkSigningCertificate } from '../../pki/certificates/checks';
import { issuerOf, refreshRevocation, timestampSignature } from './online-pki';
import { revocationPolicy } from './revocation';
import { KeyFileError, openKeyFile, type SigningKey } from '../../pki/certificates/key-file';
import type { CertificateRole } from '../../pki/certificates/certificate';

/**
 * Opens a key to sign on the authority's behalf and runs every check first: validity, signing key,
 * chain to the trust store, revocation from the imported CRLs, the signer's IIN (when a user is signed
 * in), the authority's BIN, and the role (first head or person with signing right).
 */
export interface AuthorityKeyRequest {
  keyFile: Buffer;
  password: string;
  /** The signed-in user's IIN; left out only by `ajo sign`, where no user is signed in. */
  signerIin?: string | null;
  keyIndex?: number | undefined;
  /** Who may sign this: the head's roles for licences and letters, any of the authority's for intake forms. */
  roles?: readonly CertificateRole[];
}

const HEAD_ROLES: readonly CertificateRole[] = ['first-head', 'signing-right'];

export interface AuthorityKey extends SigningKey {
  /** Checks that passed with a warning (stale CRL under the 'warn' rule) and signatures left without a time-stamp. */
  warnings: string[];
  /** Adds the TSA's time-stamp to a signature this key made, when the office can reach one. */
  timestamp(cms: Buffer): Promise<Buffer>;
}

export async function openAuthorityKey(ctx: CoreContext, request: AuthorityKeyRequest): Promise<AuthorityKey> {
  const { keyFile, password, signerIin, keyIndex } = request;
  const authority = getAuthority(ctx.db);
  if (!authority) throw new AppError('invalid-state', 'authority-not-configured');
  let key: SigningKey;
  try {
    key = openKeyFile(keyFile, password, keyIndex);
  } catch (error) {
    if (error instanceof KeyFileError) throw new AppError('signing-refused', `key-${error.problem}`);
    throw error;
  }
  // Online, the checks below see fresh CRLs and the OCSP answer; offline, what was imported.
  const issuer = issuerOf(ctx, key.certificate.der, key.chain, ctx.now());
  if (issuer) await refreshRevocation(ctx, key.certificate, issuer);
  const checked = checkSigningCertificate(key.certificate, {
    at: ctx.now(),
    trusted: trustedCertificates(ctx.db).map((t) => t.der),
    intermediates: key.chain,
    revocation: revocationPolicy(ctx),
    ...(signerIin === undefined ? {} : { iin: signerIin }),
    bin: authority.bin,
    roles: request.roles ?? HEAD_ROLES,
  });
  const warnings: string[] = [...checked.warnings];
  const timestamp = async (cms: Buffer) => {
    const outcome = await timestampSignature(ctx, cms);
    if (outcome.time === null && outcome.problem !== 'timestamp-not-configured') warnings.push(outcome.problem);
    return outcome.cms;
  };
  return { ...key, warnings, timestamp };
}
