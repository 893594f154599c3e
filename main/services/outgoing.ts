import { AppError } from '../../domain/api/errors';
import { getAuthority } from '../../db/repositories/authority';
import { appendEvent } from '../../db/repositories/events';
import { ImportError, inspectFile } from '../../scanner/import-file';
import { inTransaction, type CoreContext } from '../context';
import { openAuthorityKey } from './authority-key';
import { signPdf } from '../../pki/pdf/pades';
import { sha256Hex } from '../../db/blob-store';

/** Outgoing letters are ordinary office documents; larger files are refused before anything is read. */
export const MAX_SIGN_BYTES = 50 * 1024 * 1024;

/** Signs an outgoing PDF on the authority's behalf (`ajo sign`), keeping any signatures it already has. */
export async function signOutgoingPdf(ctx: CoreContext, pdf: Buffer, keyFile: Buffer, password: string): Promise<Buffer> {
  if (pdf.length > MAX_SIGN_BYTES) throw new AppError('invalid-input', 'file-too-large', { maxMb: MAX_SIGN_BYTES / 1024 / 1024 });
  try {
    const inspected = await inspectFile(pdf);
    if (inspected.mime !== 'application/pdf') throw new AppError('invalid-input', 'not-a-pdf');
  } catch (error) {
    if (error instanceof ImportError) throw new AppError('invalid-input', error.problem === 'unsupported-format' ? 'not-a-pdf' : `file-${error.problem}`);
    throw error;
  }
  const key = await openAuthorityKey(ctx, { keyFile, password });
  const authority = getAuthority(ctx.db)!;
  const signed = await signPdf(
    pdf,
    { privateKey: key.privateKey, certificateDer: key.certificate.der, chainDer: key.chain, timestamp: key.timestamp },
    { reason: 'Шығыс хат / Исходящее письмо', location: authority.placeRu, signerName: key.certificate.commonName, contactInfo: authority.bin, signingTime: ctx.now() },
  );
  inTransaction(ctx, () =>
    appendEvent(ctx.db, {
      at: ctx.now().toISOString(),
      actorId: null,
      entity: 'document',
      entityId: sha256Hex(signed),
      type: 'document.signed',
      payload: { signerIin: key.certificate.iin, inputSha256: sha256Hex(pdf), warnings: key.warnings },
    }),
  );
  return signed;
}
