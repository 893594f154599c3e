import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { contract, isChannel, type Channel, type Contract, type Reply, type Target } from '../../domain/api/contract';
import { getApplication } from '../../db/repositories/applications';
import { getDecision } from '../../db/repositories/decisions';
import { getDocument } from '../../db/repositories/documents';
import { AppError } from '../../domain/api/errors';
import { isTextProblem } from '../../domain/api/text';
import { findUserById, type UserRecord } from '../../db/repositories/users';
import { BlobCorruptError } from '../../db/blob-store';
import type { CoreContext } from '../context';
import { requireAllowed } from '../services/permission';

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
 * match the schema, the session must be live, the user's role allowed, and the application the call
 * acts on must exist and `can` (domain/api/can) allow the call on it as it stands — all before a
 * handler runs.
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
    requireAllowed(user, channel);
    return { user, sessionToken: session };
  }

  /** The application the call acts on must exist, and the call be the caller's to make on it as it stands (domain/api/can). */
  function authorizeTarget(channel: Channel, target: Target, args: unknown, user: UserRecord): void {
    const id = (args as Record<string, string>)[target.arg]!;
    const applicationId =
      target.kind === 'application' ? id : target.kind === 'document' ? getDocument(ctx.db, id)?.applicationId : getDecision(ctx.db, id)?.applicationId;
    const app = applicationId ? getApplication(ctx.db, applicationId) : null;
    if (!app) throw new AppError('not-found', target.kind);
    requireAllowed(user, channel, app);
  }

  return async ({ channel, args, session }) => {
    try {
      if (!isChannel(channel)) throw new AppError('unknown-call');
      const spec = contract[channel];
      const parsed = spec.args.safeParse(args ?? {});
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        const field = first?.path.join('.') || '(args)';
        // Text refused for what it hides (controls, direction overrides) gets a reason the UI can explain.
        if (first && isTextProblem(first.message)) throw new AppError('invalid-arguments', first.message, { field });
        throw new AppError('invalid-arguments', first ? `${field}: ${first.message}` : undefined);
      }
      const caller = authenticate(channel, session);
      if ('target' in spec && spec.target && caller) authorizeTarget(channel, spec.target, parsed.data, caller.user);
      const handler = handlers[channel] as (a: unknown, c: Caller | null) => unknown;
      const result = await handler(parsed.data, caller);
      if (options.validateResults) spec.result.parse(result);
      return { ok: true, result };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toPayload() };
      // Named, so the user knows which document to bring again; the rest of the data is not at stake.
      if (error instanceof BlobCorruptError) return { ok: false, error: new AppError('file-damaged', error.problem, { file: error.fileName ?? error.sha256 }).toPayload() };
      // Named, so that what the user reports can be found in the log beside its cause.
      const incident = randomBytes(3).toString('hex').toUpperCase();
      options.onInternalError?.(error, `${String(channel)} (incident ${incident})`);
      return { ok: false, error: { code: 'internal', params: { incident } } };
    }
  };
}
