import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../domain/api/errors';
import { EnrolResponse } from '../../domain/sync/protocol';
import { newId } from '../../db/ids';
import { getAuthority } from '../../db/repositories/authority';
import { getEnrolment, saveEnrolment, type Enrolment } from '../../db/repositories/registry-link';
import { createDeskKey } from '../../pki/tls/registry-ca';
import { enrolmentMac } from '../../pki/tls/enrolment-mac';
import type { CoreContext } from '../context';
import { registryTransport, RegistryRefused, RegistryUnreachable } from './transport';

/**
 * Enrols this desk with the registry, once, with the one-time code its administrator issued. The desk
 * makes its own key (it never leaves the desk), the registry certifies it; the registry's CA is trusted
 * only if the answer carries a MAC under the code — no one without the code can pose as the registry.
 */
export async function enrolDesk(ctx: Pick<CoreContext, 'db' | 'now'>, input: { registryUrl: string; code: string; deskName: string }): Promise<Enrolment> {
  if (getEnrolment(ctx.db)) throw new AppError('invalid-state', 'already-enrolled');
  const authority = getAuthority(ctx.db);
  if (!authority) throw new AppError('invalid-state', 'authority-not-configured');
  const clientId = newId();
  const key = createDeskKey(clientId);
  const transport = registryTransport(input.registryUrl, { caPem: null });
  let answer: EnrolResponse;
  try {
    answer = await transport.postJson('/v1/enrol', { code: input.code, csrPem: key.csrPem, clientId, deskName: input.deskName }, EnrolResponse);
  } catch (error) {
    if (error instanceof RegistryUnreachable) throw new AppError('data-unavailable', 'registry-unreachable');
    if (error instanceof RegistryRefused) throw new AppError('invalid-input', error.code === 'enrolment-code-invalid' ? 'enrolment-code-invalid' : 'registry-refused', { code: error.code });
    throw error;
  } finally {
    transport.close();
  }
  const expected = Buffer.from(enrolmentMac(input.code, answer.caPem, answer.certificatePem), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(answer.mac, 'hex'))) throw new AppError('invalid-state', 'registry-not-authentic');
  if (answer.authorityBin !== authority.bin) throw new AppError('invalid-state', 'registry-office-of-another-authority');
  const enrolment: Enrolment = {
    registryUrl: input.registryUrl,
    clientId,
    authorityBin: answer.authorityBin,
    officeCode: answer.officeCode,
    caPem: answer.caPem,
    certificatePem: answer.certificatePem,
    privateKeyPem: key.privateKeyPem,
    enrolledAt: ctx.now().toISOString(),
  };
  saveEnrolment(ctx.db, enrolment);
  return enrolment;
}
