import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import type { Dispatch } from '../api/router';
import { CONTENT_SECURITY_POLICY } from '../security';
import { resolveInside, STATIC_MIME } from '../static-files';

/**
 * The loopback web host: the same renderer build and the same router as the Electron shell, for
 * development and for tests in Chromium. Loopback only, a random token per launch, other origins and
 * hosts refused, and never inside Electron (so never in a packaged build).
 */
export interface WebHost {
  url: string;
  /** The URL to open: the token travels in the fragment, which browsers never send to servers. */
  launchUrl: string;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 40 * 1024 * 1024;

export async function startWebHost(options: { dispatch: Dispatch; staticDir: string; port?: number }): Promise<WebHost> {
  if ('electron' in process.versions) throw new Error('The web host never runs inside Electron.');
  const token = randomBytes(32).toString('base64url');
  const staticRoot = resolve(options.staticDir);
  let origin = '';

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const host = req.headers.host ?? '';
    if (host !== new URL(origin).host) return deny(res, 421, 'wrong host');
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/api/call') return api(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'method');
    return serveStatic(url.pathname, res);
  }

  async function api(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST') return deny(res, 405, 'method');
    if (req.headers.origin !== origin) return deny(res, 403, 'origin');
    const auth = Buffer.from(req.headers.authorization ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    if (auth.length !== expected.length || !timingSafeEqual(auth, expected)) return deny(res, 401, 'token');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return deny(res, 415, 'content type');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) return deny(res, 413, 'too large');
      chunks.push(chunk as Buffer);
    }
    let envelope: { channel?: unknown; args?: unknown; session?: unknown };
    try {
      envelope = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return deny(res, 400, 'json');
    }
    if (typeof envelope !== 'object' || envelope === null) return deny(res, 400, 'envelope');
    const reply = await options.dispatch({ channel: envelope.channel, args: envelope.args, session: envelope.session ?? null });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(reply));
  }

  function serveStatic(pathname: string, res: ServerResponse) {
    const file = resolveInside(staticRoot, pathname);
    if (!file) return deny(res, 404, 'not found');
    const target = existsSync(file) && statSync(file).isFile() ? file : join(staticRoot, 'index.html');
    if (!existsSync(target)) return deny(res, 404, 'renderer not built: run npm run build:renderer');
    res.writeHead(200, {
      'content-type': STATIC_MIME[extname(target)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    createReadStream(target).pipe(res);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    launchUrl: `${origin}/#token=${token}`,
    token,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

function deny(res: ServerResponse, status: number, why: string) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(why);
}
