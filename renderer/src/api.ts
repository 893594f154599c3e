import { createClient, type ApiClient, type Transport } from '../../domain/api/client';
import { AppError } from '../../domain/api/errors';
import type {} from '../../preload/types';

/**
 * The renderer's one client. In Electron the preload provides it; served by the loopback web host, it
 * is the same typed client over HTTP, carrying the launch token that came in the URL fragment.
 */
function launchToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('ajo-launch-token', fromHash);
    // The token leaves the address; a journal view in it stays (screens/journal/journal-address).
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem('ajo-launch-token') ?? '';
}

/**
 * The loopback host's answers as the core's replies. What is not an answer of the core is said as what
 * it is: the host unreachable or the answer cut off (the АЖО process stopped or restarted), or this
 * window's launch token no longer the host's (a restarted process has a new one) — never as an internal
 * error of the core, which a user would report as a fault in their data.
 */
function httpTransport(): Transport {
  const token = launchToken();
  return async (envelope) => {
    try {
      const response = await fetch('/api/call', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(envelope),
      });
      if (response.status === 401) return { ok: false, error: { code: 'core-unreachable', reason: 'launch-token' } };
      if (!response.ok) return { ok: false, error: { code: 'core-unreachable', reason: 'answer' } };
      return await response.json();
    } catch {
      return { ok: false, error: { code: 'core-unreachable', reason: 'no-answer' } };
    }
  };
}

/** Said to the window (App listens) whenever a call finds the session over, whichever screen made it and whether or not it shows the error. */
export const SESSION_ENDED = 'ajo:session-ended';

function watchingSessions(client: ApiClient): ApiClient {
  const watched = {} as Record<string, (args: unknown) => Promise<unknown>>;
  for (const [channel, call] of Object.entries(client) as [string, (args: unknown) => Promise<unknown>][]) {
    watched[channel] = (args) =>
      call(args).catch((error: unknown) => {
        const ended = error instanceof AppError && (error.code === 'session-expired' || error.code === 'unauthenticated');
        if (ended && !channel.startsWith('auth.')) window.dispatchEvent(new CustomEvent(SESSION_ENDED, { detail: error }));
        throw error;
      });
  }
  return watched as unknown as ApiClient;
}

export const api: ApiClient = watchingSessions(window.ajo ?? createClient(httpTransport()));
