import { z } from 'zod';
import { authCalls } from './auth';
import { adminCalls } from './admin';
import { applicationCalls } from './applications';
import { documentCalls } from './documents';
import { captureCalls } from './capture';
import { decisionCalls } from './decisions';
import { pkiCalls } from './pki';
import { syncCalls } from './sync';
import { auditCalls } from './audit';
import { reportCalls } from './reports';
import { dashboardCalls } from './dashboard';
import { backupCalls } from './backup';

export * from './call';
export * from './auth';
export * from './applications';
export * from './capture';
export * from './pki';
export * from './sync';
export * from './audit';
export * from './reports';
export * from './dashboard';
export * from './backup';

/**
 * The API contract: one entry per call, with the schema of its arguments, of its result, and who may
 * make it, gathered from the areas (auth, admin, applications, documents, capture, decisions, pki, sync, audit, reports, dashboard, backup). It is
 * the single source of types for the core (main), the preload bridge and the renderer, and the router
 * validates every call against it before any handler runs.
 */
export const contract = {
  ...authCalls,
  ...adminCalls,
  ...applicationCalls,
  ...documentCalls,
  ...captureCalls,
  ...decisionCalls,
  ...pkiCalls,
  ...syncCalls,
  ...auditCalls,
  ...reportCalls,
  ...dashboardCalls,
  ...backupCalls,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ArgsOf<C extends Channel> = z.input<Contract[C]['args']>;
export type ResultOf<C extends Channel> = z.output<Contract[C]['result']>;

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}

/** The envelope both hosts carry: IPC in Electron, HTTP POST in the loopback web host. */
export const Envelope = z.object({
  channel: z.string().max(64),
  args: z.unknown(),
  session: z.string().max(128).nullable(),
});
export type Envelope = z.infer<typeof Envelope>;

export const Reply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), reason: z.string().optional() }).passthrough() }),
]);
export type Reply = z.infer<typeof Reply>;

/** The one IPC channel of the Electron shell; every call of the contract travels through it. */
export const IPC_CHANNEL = 'ajo:call';
