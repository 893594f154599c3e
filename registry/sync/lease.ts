import type { Lease, NumberSeries } from '../../domain/sync/protocol';
import { PROVISIONAL_FROM } from '../../domain/sync/licence-numbers';
import type { OfficeSeries } from '../../domain/sync/office-numbers';
import { MAX_OFFICE_SEQ } from '../../domain/events/values';
import { kazakhstanDate } from '../../domain/calendar/working-days';
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
 * How many numbers of a series a desk, and an office, may lease in a day. A desk leases a hundred at a
 * time as it runs low; an office of twenty desks issuing all day uses a few hundred. These let a field
 * office stock up for weeks offline, and stop one broken or hostile desk from draining a year's national
 * sequence (99 million numbers) in minutes.
 */
export const DESK_DAILY_NUMBERS = 20_000;
export const OFFICE_DAILY_NUMBERS = 50_000;
/** Asking past this many numbers in a month, more than the office used, raises an alarm for the operator. */
const ALARM_FLOOR = 1_000;
const DAY_MS = 24 * 3600_000;

/** The years a desk may lease for: the registry's current one, and the next (around New Year). */
function leasableYears(now: Date): string[] {
  const year = Number(kazakhstanDate(now).slice(0, 4));
  return [year, year + 1].map((y) => String(y).slice(2, 4));
}

async function leasedSince(tx: Sql, series: NumberSeries, by: { clientId: string } | { officeId: string }, since: Date): Promise<number> {
  const sql =
    series === 'licence'
      ? 'clientId' in by
        ? 'SELECT sum(last - first + 1) AS n FROM licence_blocks WHERE client_id = $1 AND leased_at >= $2'
        : 'SELECT sum(b.last - b.first + 1) AS n FROM licence_blocks b JOIN desks d ON d.client_id = b.client_id WHERE d.office_id = $1 AND b.leased_at >= $2'
      : 'clientId' in by
        ? 'SELECT sum(last - first + 1) AS n FROM office_blocks WHERE client_id = $1 AND leased_at >= $2 AND series = $3'
        : 'SELECT sum(last - first + 1) AS n FROM office_blocks WHERE office_id = $1 AND leased_at >= $2 AND series = $3';
  const [row] = await tx.query<{ n: string | null }>(sql, ['clientId' in by ? by.clientId : by.officeId, since, ...(series === 'licence' ? [] : [series])]);
  return Number(row?.n ?? 0);
}

/** Numbers of the series the office used in the last month (licences issued, applications registered, refusals signed). */
async function usedByOffice(tx: Sql, series: NumberSeries, officeId: string, since: Date): Promise<number> {
  const sql = {
    licence: 'SELECT count(*) AS n FROM licences WHERE office_id = $1 AND issued_at >= $2',
    journal: 'SELECT count(*) AS n FROM applications WHERE office_id = $1 AND registered_at >= $2',
    refusal: 'SELECT count(*) AS n FROM refusals WHERE office_id = $1 AND refused_at >= $2',
  }[series];
  const [row] = await tx.query<{ n: string }>(sql, [officeId, since]);
  return Number(row?.n ?? 0);
}

/** Refuses a lease past the desk's or the office's daily allowance; raises an alarm when a desk asks for more than its office uses. */
async function withinLimits(tx: Sql, desk: Desk, series: NumberSeries, size: number, now: Date) {
  const day = new Date(now.getTime() - DAY_MS);
  if ((await leasedSince(tx, series, { clientId: desk.clientId }, day)) + size > DESK_DAILY_NUMBERS) throw new RegistryRefusal(429, 'lease-limit', `${DESK_DAILY_NUMBERS} numbers a day for a desk`);
  if ((await leasedSince(tx, series, { officeId: desk.officeId }, day)) + size > OFFICE_DAILY_NUMBERS) throw new RegistryRefusal(429, 'lease-limit', `${OFFICE_DAILY_NUMBERS} numbers a day for an office`);
  const month = new Date(now.getTime() - 30 * DAY_MS);
  const asked = (await leasedSince(tx, series, { clientId: desk.clientId }, month)) + size;
  const used = await usedByOffice(tx, series, desk.officeId, month);
  if (asked > Math.max(ALARM_FLOOR, used)) {
    const [raised] = await tx.query('SELECT 1 FROM operator_alarms WHERE client_id = $1 AND kind = $2 AND at >= $3', [desk.clientId, `lease-${series}`, day]);
    if (!raised) {
      await tx.query('INSERT INTO operator_alarms (at, office_id, client_id, kind, detail) VALUES ($1, $2, $3, $4, $5)', [
        now,
        desk.officeId,
        desk.clientId,
        `lease-${series}`,
        `desk asked for ${asked} ${series} numbers in 30 days; its office used ${used}`,
      ]);
    }
  }
}

/**
 * Leases the desk a block of a year's numbers: of the national licence sequence, or of its office's
 * journal or refusal sequence. The same lease id gets the same block back (a desk whose answer was lost
 * asks again and loses no numbers). Each sequence is a counters row updated under its lock: two
 * instances leasing at once get blocks that never overlap.
 */
export async function leaseNumbers(
  db: RegistryDb,
  desk: Desk,
  { series = 'licence', ...request }: { leaseId: string; series?: NumberSeries; year: string; size: number },
  now = new Date(),
): Promise<Lease> {
  const known = series === 'licence' ? 'SELECT client_id, year, first, last FROM licence_blocks WHERE lease_id = $1' : 'SELECT client_id, year, first, last FROM office_blocks WHERE lease_id = $1';
  return db.transaction(async (tx) => {
    const [block] = await tx.query<{ client_id: string; year: string; first: number; last: number }>(known, [request.leaseId]);
    if (block && block.client_id !== desk.clientId) throw new RegistryRefusal(409, 'lease-of-another-desk');
    if (block) return { leaseId: request.leaseId, series, year: block.year, letters: desk.letters, first: block.first, last: block.last };
    if (!leasableYears(now).includes(request.year)) throw new RegistryRefusal(400, 'lease-year-not-current', `year ${request.year}`);
    await withinLimits(tx, desk, series, request.size, now);
    if (series === 'licence') {
      const last = await advance(tx, `licence:${request.year}`, request.size);
      if (last >= PROVISIONAL_FROM) throw new RegistryRefusal(409, 'licence-numbers-exhausted', `year ${request.year}`);
      const first = last - request.size + 1;
      await tx.query('INSERT INTO licence_blocks (lease_id, client_id, year, letters, first, last, leased_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        request.leaseId,
        desk.clientId,
        request.year,
        desk.letters,
        first,
        last,
        now,
      ]);
      return { leaseId: request.leaseId, series: 'licence', year: request.year, letters: desk.letters, first, last };
    }
    const last = await advance(tx, officeCounter(series, desk.officeId, request.year), request.size);
    if (last > MAX_OFFICE_SEQ) throw new RegistryRefusal(409, 'office-numbers-exhausted', `${series} ${request.year}`);
    const first = last - request.size + 1;
    await tx.query('INSERT INTO office_blocks (lease_id, client_id, office_id, series, year, first, last, leased_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      request.leaseId,
      desk.clientId,
      desk.officeId,
      series,
      request.year,
      first,
      last,
      now,
    ]);
    return { leaseId: request.leaseId, series, year: request.year, letters: desk.letters, first, last };
  });
}
