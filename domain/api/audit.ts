import { z } from 'zod';
import { call, Id, IsoDate, IsoInstant } from './call';

/** Kinds of action the audit screen filters by: each a family of the office's event types. */
export const AUDIT_ACTIONS = ['sign-ins', 'applications', 'documents', 'decisions', 'keys', 'settings', 'sync'] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEntryView = z.object({
  seq: z.number().int().positive(),
  at: IsoInstant,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  type: z.string(),
  entity: z.string(),
  entityId: z.string(),
  /** The application's journal number, when the entry is about one. */
  journalNumber: z.string().nullable(),
  /** What the entry records, as written (never a password: none is ever recorded). */
  payload: z.record(z.string(), z.unknown()),
  /** Written at this desk, or taken from the registry (another desk of the office did it). */
  workstation: z.enum(['here', 'registry']),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const AuditChainView = z.object({
  ok: z.boolean(),
  entries: z.number().int().nonnegative(),
  /** When the first entry was written: "intact since". */
  since: IsoInstant.nullable(),
  firstBroken: z.object({ seq: z.number().int(), at: z.string().nullable(), problem: z.string() }).nullable(),
  /** Rows changed, added or deleted behind the app's back. */
  rowProblems: z.number().int().nonnegative(),
});
export type AuditChainView = z.infer<typeof AuditChainView>;

export const AUDIT_PAGE_MAX = 200;

/** The audit trail for the head and the administrator: who did what, when, where, on which application. */
export const auditCalls = {
  'audit.list': call({
    args: z
      .object({
        actorId: Id.optional(),
        action: AuditAction.optional(),
        /** An application's journal number. */
        journalNumber: z.string().trim().min(1).max(32).optional(),
        from: IsoDate.optional(),
        to: IsoDate.optional(),
        /** The page after the one that ended with this entry (newest first). */
        before: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).default(100),
      })
      .strict(),
    result: z.object({ entries: z.array(AuditEntryView) }),
    access: ['head', 'admin'],
  }),
  'audit.chain': call({ args: z.object({}).strict(), result: AuditChainView, access: ['head', 'admin'] }),
} as const;
