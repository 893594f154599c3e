import { request } from 'node:https';
import { request as plainRequest } from 'node:http';

export interface DeskIdentity {
  cert?: string;
  key?: string;
}

/** One request to a registry over a real socket, as a desk (its TLS identity) or anyone; the answer's status, headers and body. */
export function registryRequest(
  base: string,
  ca: string,
  c: { method?: string; path: string; body?: string | Buffer; headers?: Record<string, string>; identity?: DeskIdentity },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const body = typeof c.body === 'string' ? Buffer.from(c.body) : (c.body ?? null);
  const url = new URL(c.path, base);
  const send = url.protocol === 'https:' ? request : plainRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: c.method ?? 'POST',
        ...(url.protocol === 'https:' ? { ca: [ca], ...c.identity } : {}),
        agent: false,
        headers: { 'content-type': 'application/json', ...(body ? { 'content-length': String(body.length) } : {}), ...c.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}
