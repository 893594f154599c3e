import type { Lease, NumberSeries } from '../../domain/sync/protocol';
import { PROVISIONAL_FROM } from '../../domain/sync/licence-numbers';
import type { OfficeSeries } from '../../domain/sync/office-numbers';
import type { RegistryDb, Sql } from '../db/sql';
import type { Desk } from '../enrolment/enrolment';
import { RegistryRefusal } from '../refusal';

/** The counters row of an office's own sequence (its journal, its refusals) for a year (YY). */
export function officeCounter(series: OfficeSeries, officeId: string, year: string): string {
  return `${series}:${officeId}:${year}`;
}

async function advance(tx: Sql, name: string, by: number): Promise<number> {
  const [row] = await tx.query<{ value: number }>('INSERT INTO counters (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = counters.value + $2 RETURNING value', [
    name,
    by,
  ]);
  return row!.value;
}

/**
 * Leases the desk a block of a year's numbers: of the national licence sequence, or of its office's
 * journal or refusal sequence. The same lease id gets the same block back (a desk whose answer was lost
 * asks again and loses no numbers). Each sequence is a counters row updated under its lock: two
 * instances leasing at once get blocks that never overlap.
 */
export async function leaseNumbers(db: RegistryDb, desk: Desk, { series = 'licence', ...request }: { leaseId: string; series?: NumberSeries; year: string; size: number }): Promise<Lease> {
  const known = series === 'licence' ? 'SELECT client_id, year, first, last FROM licence_blocks WHERE lease_id = $1' : 'SELECT client_id, year, first, last FROM office_blocks WHERE lease_id = $1';
  return db.transaction(async (tx) => {
    const [block] = await tx.query<{ client_id: string; year: string; first: number; last: number }>(known, [request.leaseId]);
    if (block && block.client_id !== desk.clientId) throw new RegistryRefusal(409, 'lease-of-another-desk');
    if (block) return { leaseId: request.leaseId, series, year: block.year, letters: desk.letters, first: block.first, last: block.last };
    if (series === 'licence') {
      const last = await advance(tx, `licence:${request.year}`, request.size);
      if (last >= PROVISIONAL_FROM) throw new RegistryRefusal(409, 'licence-numbers-exhausted', `year ${request.year}`);
      const first = last - request.size + 1;
      await tx.query('INSERT INTO licence_blocks (lease_id, client_id, year, letters, first, last) VALUES ($1, $2, $3, $4, $5, $6)', [request.leaseId, desk.clientId, request.year, desk.letters, first, last]);
      return { leaseId: request.leaseId, series: 'licence', year: request.year, letters: desk.letters, first, last };
    }
    const last = await advance(tx, officeCounter(series, desk.officeId, request.year), request.size);
    const first = last - request.size + 1;
    await tx.query('INSERT INTO office_blocks (lease_id, client_id, office_id, series, year, first, last) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      request.leaseId,
      desk.clientId,
      desk.officeId,
      series,
      request.year,
      first,
      last,
    ]);
    return { leaseId: request.leaseId, series, year: request.year, letters: desk.letters, first, last };
  });
}
