import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { appRoot } from '../../main/paths';
import { startWebHost, type WebHost } from '../../main/web-host/server';
import { startTestCore, type TestCore } from '../support/core';

let t: TestCore;
let host: WebHost;
before(async () => {
  t = await startTestCore();
  host = await startWebHost({ dispatch: t.core.dispatch, staticDir: join(appRoot(), 'dist', 'renderer') });
});
after(async () => {
  await host.close();
  await t.close();
});

function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const url = new URL(path, host.url);
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const call = JSON.stringify({ channel: 'setup.status', args: {}, session: null });
const good = () => ({ authorization: `Bearer ${host.token}`, origin: host.url, 'content-type': 'application/json' });

test('the host listens on loopback only and gives the token in the URL fragment', () => {
  assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(new URL(host.launchUrl).hash, `#token=${host.token}`);
});

test('an API call with the token from the app\'s own origin is answered', async () => {
  const res = await send('/api/call', { method: 'POST', headers: good(), body: call });
  assert.equal(res.status, 200);
  assert.deepEqual(JSON.parse(res.body), { ok: true, result: { needsSetup: false } });
});

test('calls without the token, from another origin or another host name are refused', async () => {
  assert.equal((await send('/api/call', { method: 'POST', headers: { ...good(), authorization: 'Bearer wrong' }, body: call })).status, 401);
  assert.equal((await send('/api/call', { method: 'POST', headers: { ...good(), authorization: '' }, body: call })).status, 401);
  assert.equal((await send('/api/call', { method: 'POST', headers: { ...good(), origin: 'http://evil.example' }, body: call })).status, 403);
  assert.equal((await send('/api/call', { method: 'POST', headers: { ...good(), host: 'evil.example' }, body: call })).status, 421);
  assert.equal((await send('/api/call', { method: 'GET', headers: good() })).status, 405);
  assert.equal((await send('/api/call', { method: 'POST', headers: good(), body: '{not json' })).status, 400);
});

test('the renderer is served with the strict CSP, and no file outside it', async () => {
  const index = await send('/', {});
  assert.equal(index.status, 200);
  assert.match(String(index.headers['content-security-policy']), /default-src 'none'; script-src 'self'/);
  const escape = await send('/..%2f..%2fpackage.json', {});
  assert.doesNotMatch(escape.body, /"name": "ajo"/);
});
