import { AppError, ErrorPayload } from './errors';
import { CHANNELS, Reply, type ArgsOf, type Channel, type Envelope, type ResultOf } from './contract';

/** Carries one envelope to the core and brings back its reply; IPC or HTTP. */
export type Transport = (envelope: Envelope) => Promise<unknown>;

export type ApiClient = {
  [C in Channel]: (args: ArgsOf<C>) => Promise<ResultOf<C>>;
};

export interface SessionHolder {
  get(): string | null;
  set(token: string | null): void;
}

export function memorySession(): SessionHolder {
  let token: string | null = null;
  return { get: () => token, set: (t) => (token = t) };
}

/**
 * A typed client over any transport. Failures come back as AppError with the core's code, so the
 * caller can show the message in the user's language.
 */
export function createClient(transport: Transport, session: SessionHolder = memorySession()): ApiClient {
  const client = {} as Record<Channel, (args: unknown) => Promise<unknown>>;
  for (const channel of CHANNELS) {
    client[channel] = async (args: unknown) => {
      const raw = await transport({ channel, args, session: session.get() });
      const reply = Reply.safeParse(raw);
      if (!reply.success) throw new AppError('internal', 'malformed-reply');
      if (!reply.data.ok) {
        const payload = ErrorPayload.safeParse(reply.data.error);
        const error = payload.success ? AppError.fromPayload(payload.data) : new AppError('internal');
        if (error.code === 'session-expired' || error.code === 'unauthenticated') session.set(null);
        throw error;
      }
      if (channel === 'auth.login' || channel === 'auth.loginWithKey') session.set((reply.data.result as { sessionToken: string }).sessionToken);
      if (channel === 'auth.logout') session.set(null);
      return reply.data.result;
    };
  }
  return client as ApiClient;
}
