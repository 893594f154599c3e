import type { Lease } from '../../domain/sync/protocol';
import { PROVISIONAL_FROM } from '../../domain/sync/licence-numbers';
import type { RegistryDb } from '../db/sql';
import type { Desk } from '../enrolment/enrolment';
import { RegistryRefusal } from '../refusal';

/**
 * Leases the desk a block of the year's national licence-number sequence. The same lease id gets the
 * same block back (a desk whose answer was lost asks again and loses no numbers). The sequence is a
 * counters row updated under its lock: two instances leasing at once get blocks that never overlap.
 */
export async function leaseNumbers(db: RegistryDb, desk: Desk, request: { leaseId: string; year: string; size: number }): Promise<Lease> {
  return db.transaction(async (tx) => {
    const known = await tx.query<{ lease_id: string; client_id: string; year: string; letters: string; first: number; last: number }>(
      'SELECT lease_id, client_id, year, letters, first, last FROM licence_blocks WHERE lease_id = $1',
      [request.leaseId],
    );
    const [block] = known;
    if (block && block.client_id === desk.clientId) return { leaseId: block.lease_id, year: block.year, letters: block.letters, first: block.first, last: block.last };
    if (block) throw new RegistryRefusal(409, 'lease-of-another-desk');
    const [row] = await tx.query<{ value: number }>(
      'INSERT INTO counters (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = counters.value + $2 RETURNING value',
      [`licence:${request.year}`, request.size],
    );
    const last = row!.value;
    const first = last - request.size + 1;
    if (last >= PROVISIONAL_FROM) throw new RegistryRefusal(409, 'licence-numbers-exhausted', `year ${request.year}`);
    await tx.query('INSERT INTO licence_blocks (lease_id, client_id, year, letters, first, last) VALUES ($1, $2, $3, $4, $5, $6)', [
      request.leaseId,
      desk.clientId,
      request.year,
      desk.letters,
      first,
      last,
    ]);
    return { leaseId: request.leaseId, year: request.year, letters: desk.letters, first, last };
  });
}
