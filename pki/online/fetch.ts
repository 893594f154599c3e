/**
 * HTTP for the PKI services (CRL distribution points, OCSP, TSA): short time-outs and bounded answers,
 * and an address that just failed is not tried again for a while, so an office that is offline for
 * days signs without waiting on the network each time.
 */
export class FetchError extends Error {
  constructor(readonly problem: 'unreachable' | 'http-status' | 'too-large' | 'bad-address', detail = '') {
    super(`fetch: ${problem} ${detail}`.trim());
    this.name = 'FetchError';
  }
}

const TIMEOUT_MS = 4000;
const MAX_BYTES = 4 * 1024 * 1024;
const RETRY_AFTER_MS = 60_000;
const failedAt = new Map<string, number>();

export interface PkiRequest {
  url: string;
  body?: Buffer;
  contentType?: string;
  accept: string;
}

export async function fetchPki(request: PkiRequest): Promise<Buffer> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw new FetchError('bad-address', request.url);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError('bad-address', request.url);
  const last = failedAt.get(url.origin);
  if (last !== undefined && Date.now() - last < RETRY_AFTER_MS) throw new FetchError('unreachable', url.origin);
  const send = () =>
    fetch(url, {
      method: request.body ? 'POST' : 'GET',
      headers: { accept: request.accept, ...(request.contentType ? { 'content-type': request.contentType } : {}) },
      ...(request.body ? { body: new Uint8Array(request.body) } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'follow',
    });
  let response: Response;
  try {
    // Once more at once: a kept-alive connection the server has since closed fails the first try.
    response = await send().catch(send);
  } catch {
    failedAt.set(url.origin, Date.now());
    throw new FetchError('unreachable', url.origin);
  }
  failedAt.delete(url.origin);
  if (!response.ok) throw new FetchError('http-status', String(response.status));
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_BYTES) throw new FetchError('too-large');
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_BYTES) throw new FetchError('too-large');
  return bytes;
}
