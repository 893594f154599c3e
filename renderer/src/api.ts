import { createClient, type ApiClient, type Transport } from '../../domain/api/client';
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

function httpTransport(): Transport {
  const token = launchToken();
  return async (envelope) => {
    const response = await fetch('/api/call', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(envelope),
    });
    if (!response.ok) return { ok: false, error: { code: response.status === 401 ? 'unauthenticated' : 'internal' } };
    return response.json();
  };
}

export const api: ApiClient = window.ajo ?? createClient(httpTransport());
