import { AppError } from '../../domain/api/errors';
import { appendEvent } from '../../db/repositories/events';
import { addTrustedCertificate, trustedCertificates } from '../../db/repositories/trust';
import { inTransaction, type CoreContext } from '../context';
import { readCertificate } from '../../pki/certificates/certificate';

/** Reads PEM (one or more certificates) or DER. */
export function parseCertificates(bytes: Buffer): Buffer[] {
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN CERTIFICATE-----')) {
    return [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) =>
      Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'),
    );
  }
  return [bytes];
}

/** Adds CA certificates to the trust store; anything that is not a CA certificate is refused whole. */
export function trustCertificates(ctx: Pick<CoreContext, 'db' | 'now'>, ders: Buffer[], actorId: string | null): number {
  const certs = ders.map((der) => {
    try {
      return readCertificate(der);
    } catch {
      throw new AppError('invalid-input', 'certificate-unreadable');
    }
  });
  if (certs.some((c) => !c.isCa)) throw new AppError('invalid-input', 'not-a-ca-certificate');
  // A CA whose key cannot be used (an unknown curve, a point off it) could vouch for nothing: not taken.
  const unusable = certs.find((c) => c.keyProblem);
  if (unusable) throw new AppError('invalid-input', unusable.keyProblem!);
  return inTransaction(ctx, () => {
    let added = 0;
    for (const cert of certs) {
      if (!addTrustedCertificate(ctx.db, { sha256: cert.sha256, subject: cert.subject, der: cert.der }, ctx.now().toISOString())) continue;
      added++;
      appendEvent(ctx.db, { at: ctx.now().toISOString(), actorId, entity: 'trust', entityId: cert.sha256, type: 'trust.added', payload: { subject: cert.subject } });
    }
    return added;
  });
}

export function trustedDers(ctx: CoreContext): Buffer[] {
  return trustedCertificates(ctx.db).map((t) => t.der);
}
