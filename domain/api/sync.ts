import { z } from 'zod';
import { Line } from './text';
import { call, Empty, IsoInstant } from './call';
import { Rejection } from '../sync/protocol';

/** Where this desk stands with the central registry: shown always, in the top bar. */
export const SyncStatusView = z.object({
  enrolled: z.boolean(),
  registryUrl: z.string().nullable(),
  /** The last round reached the registry; null before any round. */
  online: z.boolean().nullable(),
  waiting: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  waitingByType: z.record(z.string(), z.number().int()),
  lastSyncAt: IsoInstant.nullable(),
  lastError: z.object({ at: IsoInstant, message: z.string() }).nullable(),
  /** The latest failed rounds, newest first (a few). */
  recentErrors: z.array(z.object({ at: IsoInstant, message: z.string() })),
  /** The registry found this desk is not the one it has been talking to (restored from a backup, a copied database): it pushes nothing until enrolled again. */
  diverged: z.object({ at: IsoInstant, detail: z.string().nullable() }).nullable(),
  licenceNumbersLeft: z.number().int().nonnegative(),
  licenceNumbersLow: z.boolean(),
  /** A round under way with a backlog: how far it has got (files sent, or commands acknowledged). */
  progress: z.object({ phase: z.enum(['upload', 'push']), done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable(),
  /** What the desk works by: the catalogue's version and the calendar's years (the registry's once it has sent them). */
  reference: z.object({ catalogueVersion: z.string(), calendarYears: z.array(z.number().int()) }),
});
export type SyncStatusView = z.infer<typeof SyncStatusView>;

/**
 * An application as the registry knows it: only on this desk (nothing sent yet, or some of it still
 * waiting), accepted with the registry's number, or a command refused for good — with which one and why.
 */
export const ApplicationSync = z.object({
  state: z.enum(['not-enrolled', 'local', 'accepted', 'rejected']),
  waiting: z.number().int().nonnegative(),
  registryNumber: z.string().nullable(),
  registryStatus: z.string().nullable(),
  rejections: z.array(z.object({ type: z.string(), reason: Rejection.or(z.string()), at: z.string().nullable() })),
});
export type ApplicationSync = z.infer<typeof ApplicationSync>;

export const syncCalls = {
  'sync.status': call({ args: Empty, result: SyncStatusView, access: 'signed-in' }),
  'sync.now': call({ args: Empty, result: SyncStatusView, access: ['admin'] }),
  'sync.enrol': call({
    args: z
      .object({
        registryUrl: z.url({ protocol: /^https$/ }).max(300),
        code: z.string().trim().toUpperCase().regex(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){3}$/),
        deskName: Line(100),
      })
      .strict(),
    result: SyncStatusView,
    access: ['admin'],
  }),
} as const;
