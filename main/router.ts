import type { z } from 'zod';
import { contract, isChannel, type Channel, type Contract, type Reply } from '../domain/api/contract';
import { AppError } from '../domain/api/errors';
import { findUserById, type UserRecord } from '../db/repositories/users';
import type { CoreContext } from './context';

export interface Caller {
  user: UserRecord;
  sessionToken: string;
}

type Args<C extends Channel> = z.output<Contract[C]['args']>;
type Result<C extends Channel> = z.input<Contract[C]['result']>;

export type Handlers = {
  [C in Channel]: (args: Args<C>, caller: Caller | null) => Promise<Result<C>> | Result<C>;
};

export type Dispatch = (envelope: { channel: unknown; args: unknown; session: unknown }) => Promise<Reply>;

export interface RouterOptions {
  /** Check results against the contract too (tests and development); a mismatch is a bug in the core. */
  validateResults?: boolean;
  onInternalError?: (error: unknown, channel: string) => void;
}

/**
 * One router for both hosts. In order, for every call: the channel must exist, the arguments must
 * match the schema, the session must be live and the user's role allowed — all before a handler runs.
 */
export function createRouter(ctx: CoreContext, handlers: Handlers, options: RouterOptions = {}): Dispatch {
  function authenticate(channel: Channel, session: unknown): Caller | null {
    const access = contract[channel].access;
    if (access === 'public') return null;
    if (typeof session !== 'string' || session.length === 0) throw new AppError('unauthenticated');
    const live = ctx.sessions.touch(session);
    if (live === 'expired') throw new AppError('session-expired');
    if (!live) throw new AppError('unauthenticated');
    const user = findUserById(ctx.db, live.userId);
    if (!user || user.disabled) {
      ctx.sessions.end(session);
      throw new AppError('unauthenticated');
    }
    if (access !== 'signed-in' && !access.some((role) => user.roles.includes(role))) {
      throw new AppError('forbidden', channel);
    }
    return { user, sessionToken: session };
  }

  return async ({ channel, args, session }) => {
    try {
      if (!isChannel(channel)) throw new AppError('unknown-call');
      const spec = contract[channel];
      const parsed = spec.args.safeParse(args ?? {});
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new AppError('invalid-arguments', first ? `${first.path.join('.') || '(args)'}: ${first.message}` : undefined);
      }
      const caller = authenticate(channel, session);
      const handler = handlers[channel] as (a: unknown, c: Caller | null) => unknown;
      const result = await handler(parsed.data, caller);
      if (options.validateResults) spec.result.parse(result);
      return { ok: true, result };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toPayload() };
      options.onInternalError?.(error, String(channel));
      return { ok: false, error: { code: 'internal' } };
    }
  };
}
