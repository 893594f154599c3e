import { AppError } from '../../domain/api/errors';
import { kazakhstanDate } from '../../domain/calendar/working-days';
import { formatDuplicateNumber, formatLicenceNumber, officeLetters, PROVISIONAL_FROM } from '../../domain/sync/licence-numbers';
import { duplicatesOf } from '../../db/repositories/licences';
import { formatOfficeNumber, type OfficeSeries } from '../../domain/sync/office-numbers';
import type { AuthorityRecord } from '../../db/repositories/authority';
import { bumpCounter, nextCounter, peekCounter } from '../../db/repositories/counters';
import { peekLeasedNumber, takeLeasedNumber } from '../../db/repositories/licence-blocks';
import { peekOfficeNumber, takeOfficeNumber } from '../../db/repositories/office-number-blocks';
import { getEnrolment } from '../../db/repositories/registry-link';
import type { CoreContext } from '../context';

/** Where a decision's number comes from: the next one shown before signing, then taken when recorded. */
export interface Numbering {
  peek(): string;
  /** Inside the recording transaction; false when another decision took that number meanwhile. */
  take(number: string): boolean;
}

/** A gapless counter of this desk's (the office's numbers and provisional licence numbers of a desk not enrolled with a registry). */
function counterNumbering(ctx: Pick<CoreContext, 'db'>, counter: string, format: (seq: number) => string): Numbering {
  return { peek: () => format(peekCounter(ctx.db, counter)), take: (number) => format(nextCounter(ctx.db, counter)) === number };
}

/**
 * A licence number in E-licensing's shape (KZ + 2 digits + 3 letters + 8 digits). A desk enrolled with
 * the registry signs with the next number of the blocks the registry leased it — never one outside
 * them, and none at all when they are used up (sync leases more while online). A desk working alone
 * keeps its own provisional counter, in a range the registry never leases.
 */
export function licenceNumbering(ctx: Pick<CoreContext, 'db' | 'now'>, authority: AuthorityRecord): Numbering {
  const year = kazakhstanDate(ctx.now()).slice(2, 4);
  if (!getEnrolment(ctx.db)) return counterNumbering(ctx, `licence:${year}`, (seq) => formatLicenceNumber(year, officeLetters(authority.officeCode), PROVISIONAL_FROM + seq));
  return {
    peek() {
      const next = peekLeasedNumber(ctx.db, year);
      if (!next) throw new AppError('invalid-state', 'licence-numbers-exhausted');
      return formatLicenceNumber(year, next.letters, next.seq);
    },
    take(number) {
      const next = peekLeasedNumber(ctx.db, year);
      return next !== null && formatLicenceNumber(year, next.letters, next.seq) === number && takeLeasedNumber(ctx.db, next.leaseId, next.seq);
    },
  };
}

/**
 * The office's own numbers (its journal, its refusals): one sequence per office and year. A desk
 * enrolled with the registry takes them from the blocks it leased, so two desks of the office never give
 * the same one; should the blocks run out while offline, it goes on past the highest it has given (the
 * work does not stop, at the risk of a number another desk has — which the registry then refuses).
 */
export function officeNumbering(ctx: Pick<CoreContext, 'db' | 'now'>, series: OfficeSeries, officeCode: string): Numbering {
  const yy = kazakhstanDate(ctx.now()).slice(2, 4);
  const counter = `${series}:20${yy}`;
  const format = (seq: number) => formatOfficeNumber(series, officeCode, `20${yy}`, seq);
  const local = counterNumbering(ctx, counter, format);
  if (!getEnrolment(ctx.db)) return local;
  return {
    peek() {
      const next = peekOfficeNumber(ctx.db, series, yy);
      return next ? format(next.seq) : local.peek();
    },
    take(number) {
      const next = peekOfficeNumber(ctx.db, series, yy);
      if (!next) return local.take(number);
      if (format(next.seq) !== number || !takeOfficeNumber(ctx.db, next.leaseId, next.seq)) return false;
      bumpCounter(ctx.db, counter, next.seq);
      return true;
    },
  };
}

/**
 * A duplicate is known by its licence's number and its place among that licence's duplicates: the next
 * after those the office has given (should another desk give the same one offline, the registry refuses
 * the later as a number used).
 */
export function duplicateNumbering(ctx: Pick<CoreContext, 'db'>, licenceNumber: string): Numbering {
  const next = () => formatDuplicateNumber(licenceNumber, duplicatesOf(ctx.db, licenceNumber) + 1);
  return { peek: next, take: (number) => next() === number };
}
