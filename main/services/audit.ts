import { kazakhstanMidnight } from '../../domain/calendar/working-days';
import type { AuditAction, AuditChainView, AuditEntryView } from '../../domain/api/audit';
import { auditTypesOf, cameFromRegistry } from '../../domain/events/audit-actions';
import { verifyAudit } from '../../db/audit/verify';
import { entryAt, firstEntryAt, listAuditEntries } from '../../db/repositories/audit-trail';
import type { CoreContext } from '../context';

export interface AuditQuery {
  actorId?: string | undefined;
  action?: AuditAction | undefined;
  journalNumber?: string | undefined;
  /** Kazakhstan calendar dates, both included. */
  from?: string | undefined;
  to?: string | undefined;
  before?: number | undefined;
  limit: number;
}

/** Midnight in Kazakhstan (UTC+5) of a date, as the instant the trail's times are compared with. */

export function auditEntries(ctx: Pick<CoreContext, 'db'>, query: AuditQuery): AuditEntryView[] {
  let entityId: string | undefined;
  if (query.journalNumber) {
    const app = ctx.db.prepare('SELECT id FROM applications WHERE journal_number = ?').get(query.journalNumber.toUpperCase()) as { id: string } | undefined;
    // No such application: nothing is about it.
    if (!app) return [];
    entityId = app.id;
  }
  const rows = listAuditEntries(ctx.db, {
    actorId: query.actorId,
    types: query.action ? auditTypesOf(query.action) : undefined,
    entityId,
    from: query.from ? kazakhstanMidnight(query.from) : undefined,
    until: query.to ? kazakhstanMidnight(query.to, 1) : undefined,
    before: query.before,
    limit: query.limit,
  });
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at,
    actorId: row.actorId,
    actorName: row.actorName,
    type: row.type,
    entity: row.entity,
    entityId: row.entityId,
    journalNumber: row.journalNumber,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    workstation: cameFromRegistry(row.type) ? 'registry' : 'here',
  }));
}

/** The chain's state, from the database alone (as `ajo audit verify`): intact since the first entry, or where it first breaks. */
export function auditChain(ctx: Pick<CoreContext, 'db'>): AuditChainView {
  const report = verifyAudit(ctx.db, 0);
  return {
    ok: report.ok,
    entries: report.entries,
    since: firstEntryAt(ctx.db),
    firstBroken: report.firstBroken ? { seq: report.firstBroken.seq, at: entryAt(ctx.db, report.firstBroken.seq), problem: report.firstBroken.problem } : null,
    rowProblems: report.rowProblems,
  };
}
