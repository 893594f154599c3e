import { AppError } from '../../domain/api/errors';
import type { Channel } from '../../domain/api/contract';
import type { UserRecord } from '../../db/repositories/users';
import type { Caller, Handlers } from './router';

/** One area's handlers: exactly the calls of that area of the contract. */
export type AreaHandlers<Calls> = Pick<Handlers, Extract<keyof Calls, Channel>>;

export function signedIn(caller: Caller | null): UserRecord {
  // The router has already authenticated every call that is not public.
  if (!caller) throw new AppError('unauthenticated');
  return caller.user;
}

export const ok = { ok: true as const };

export function fromBase64(value: string): Buffer {
  return Buffer.from(value, 'base64');
}
