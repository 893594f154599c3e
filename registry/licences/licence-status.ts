import type { PublicLicence } from '../../domain/sync/protocol';
import type { RegistryDb } from '../db/sql';
import { RegistryRefusal } from '../refusal';
import { holdAuthority } from '../sync/change-order';
import { recordOperatorAction } from '../admin/operator-log';

type LicenceStatus = PublicLicence['status'];

/** Which status may follow which when the licensing authority or a court acts on a licence (reissue comes with a new licence). */
const NEXT: Record<LicenceStatus, readonly LicenceStatus[]> = {
  active: ['suspended', 'revoked'],
  suspended: ['active', 'revoked'],
  revoked: [],
  reissued: [],
};

/**
 * A licence suspended, reinstated or revoked at the registry: its status, and the change its
 * authority's desks pull, in one transaction; the public check answers with it at once.
 */
export async function setLicenceStatus(db: RegistryDb, number: string, status: LicenceStatus): Promise<{ number: string; from: LicenceStatus; to: LicenceStatus }> {
  return db.transaction(async (tx) => {
    // The authority's lock before the licence's row, in the order a push takes them.
    const [owner] = await tx.query<{ authority_bin: string }>('SELECT authority_bin FROM licences WHERE number = $1', [number]);
    if (owner) await holdAuthority(tx, owner.authority_bin);
    const [licence] = await tx.query<{ status: LicenceStatus; application_id: string; authority_bin: string }>(
      'SELECT status, application_id, authority_bin FROM licences WHERE number = $1 FOR UPDATE',
      [number],
    );
    if (!licence) throw new RegistryRefusal(404, 'licence-not-found');
    if (!NEXT[licence.status].includes(status)) throw new RegistryRefusal(409, 'licence-status-not-allowed', `${licence.status} → ${status}`);
    await tx.query('UPDATE licences SET status = $2 WHERE number = $1', [number, status]);
    await tx.query('INSERT INTO changes (authority_bin, body) VALUES ($1, $2)', [
      licence.authority_bin,
      JSON.stringify({ kind: 'licence.status', number, applicationId: licence.application_id, status }),
    ]);
    await recordOperatorAction(tx, 'licence-status', { number, from: licence.status, to: status }, new Date());
    return { number, from: licence.status, to: status };
  });
}
