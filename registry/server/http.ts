import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { z } from 'zod';
import { isCheckableNumber } from '../../domain/sync/licence-numbers';
import { AuditAnchorRequest, DeskUsersRequest, EnrolRequest, FileStateRequest, LeaseRequest, MAX_CHUNK_BYTES, MAX_JSON_BYTES, PullRequest, PushRequest } from '../../domain/sync/protocol';
import { certificateSha256, issueServerCertificate } from '../../pki/tls/registry-ca';
import type { RegistryDb } from '../db/sql';
import { registryCa } from '../enrolment/ca';
import { deskByCertificate, enrolDesk, type Desk } from '../enrolment/enrolment';
import { publicCheckPage, publicLicence } from '../public/check';
import { RegistryRefusal } from '../refusal';
import { RateLimiter } from './rate-limit';
import { trustedRoots } from '../licences/trusted-roots';
import { takeDeskUsers } from '../sync/office-users';
import { fileForDesk, receiveChunk, receivedSoFar } from '../sync/files';
import { leaseNumbers } from '../sync/lease';
import { pullChanges } from '../sync/pull';
import { applyPush, auditAnchor } from '../sync/push';

export interface RegistryServerOptions {
  db: RegistryDb;
  /** The sync port (TLS, desks authenticated by their certificates); 0 picks a free one. */
  port?: number;
  /** The public check over plain HTTP (behind the national site's own TLS); null: served on the sync port only. */
  publicPort?: number | null;
  /** Where the public reaches that check (the national site), as desks print it in their QR codes; by default the public port's own address. */
  publicCheckUrl?: string;
  host?: string;
  /** Names the desks reach this instance by, for its TLS certificate. */
  hostNames?: string[];
  now?: () => Date;
  onInternalError?: (error: unknown) => void;
  /** The public port sits behind a proxy that names the client in X-Forwarded-For (its last entry): limits go by that address. */
  trustForwardedFor?: boolean;
  /** How long a silent connection stays open (tests shorten it). */
  idleMs?: { public: number; sync: number };
}

/** Failed enrolment attempts an address may make: five at once, then one a minute (a code has 100 bits; this stops a flood, not a guess). */
const ENROLMENT_FAILURES = { burst: 5, perSecond: 1 / 60 };
/** Public checks an address may make: sixty at once, then two a second (a person checks a few; a scraper is slowed to a crawl). */
const PUBLIC_LOOKUPS = { burst: 60, perSecond: 2 };
/**
 * A connection that says nothing for this long is closed: idle sockets must not pile up until descriptors
 * run out. The desks' port allows a long push its time (the socket is quiet while the registry works).
 */
const PUBLIC_IDLE_MS = 30_000;
const SYNC_IDLE_MS = 120_000;
const HANDSHAKE_MS = 10_000;
const HEADERS_MS = 15_000;
/** At most this many connections to the public port at once, so it can never starve the desks' port of descriptors. */
const PUBLIC_MAX_CONNECTIONS = 2_000;

export interface RunningRegistryServer {
  url: string;
  publicUrl: string | null;
  caPem: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

/** The body, refused as soon as it grows past the limit (a declared length past it is refused before reading). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) return Promise.reject(new RegistryRefusal(413, 'body-too-large'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new RegistryRefusal(413, 'body-too-large'));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new RegistryRefusal(400, 'body-cut-off')));
  });
}

async function readJson<S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.output<S>> {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) throw new RegistryRefusal(415, 'json-expected');
  const body = await readBody(req, MAX_JSON_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new RegistryRefusal(400, 'malformed-json');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new RegistryRefusal(400, 'malformed-request', parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}

/** The desk behind the connection's client certificate: enrolled, not withdrawn. */
async function deskOf(db: RegistryDb, req: IncomingMessage): Promise<Desk> {
  const socket = req.socket as TLSSocket;
  const peer = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate() : null;
  if (!socket.authorized || !peer?.raw) throw new RegistryRefusal(401, 'client-certificate-required');
  const desk = await deskByCertificate(db, certificateSha256(peer.raw));
  if (!desk) throw new RegistryRefusal(401, 'desk-not-enrolled');
  if (desk.revoked) throw new RegistryRefusal(403, 'desk-revoked');
  return desk;
}

function sameDesk(desk: Desk, clientId: string) {
  if (clientId !== desk.clientId) throw new RegistryRefusal(403, 'client-id-mismatch');
}

/** A desk that has diverged takes no numbers and lists no users until it is enrolled again (it may still pull and upload). */
function notDiverged(desk: Desk) {
  if (desk.diverged) throw new RegistryRefusal(409, 'desk-diverged', 'enrol this desk again');
}


function clientAddress(req: IncomingMessage, trustForwardedFor: boolean): string {
  const forwarded = trustForwardedFor ? String(req.headers['x-forwarded-for'] ?? '').split(',').at(-1)?.trim() : '';
  return forwarded || req.socket.remoteAddress || 'unknown';
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new RegistryRefusal(400, 'malformed-path');
  }
}

/** The public check, on either port: JSON by number or QR digest, and a page. */
async function answerPublic(db: RegistryDb, req: IncomingMessage, res: ServerResponse, url: URL, limit: () => void): Promise<boolean> {
  if (req.method !== 'GET') return false;
  const byNumber = /^\/v1\/public\/licences\/([^/]+)$/.exec(url.pathname);
  const byQr = /^\/v1\/public\/qr\/([^/]+)$/.exec(url.pathname);
  if (byNumber || byQr) {
    limit();
    const key = decoded((byNumber ?? byQr)![1]!);
    if (byNumber && !isCheckableNumber(key)) throw new RegistryRefusal(400, 'invalid-licence-number');
    if (byQr && !/^[0-9a-f]{64}$/.test(key)) throw new RegistryRefusal(400, 'invalid-digest');
    const found = await publicLicence(db, byNumber ? { number: key } : { qrDigest: key });
    if (found) send(res, 200, found);
    else send(res, 404, { error: 'licence-not-found' });
    return true;
  }
  // The page: by the form's field, or by the address a document's QR code holds (/check/NUMBER; its #digest stays with the phone).
  const inPath = /^\/check\/([^/]+)$/.exec(url.pathname);
  if (url.pathname === '/check' || url.pathname === '/' || inPath) {
    if (url.searchParams.has('number') || inPath) limit();
    const query = (inPath ? decoded(inPath[1]!) : (url.searchParams.get('number') ?? '')).trim().toUpperCase().slice(0, 24);
    const found = isCheckableNumber(query) ? await publicLicence(db, { number: query }) : null;
    send(res, query && !found ? 404 : 200, publicCheckPage(query, found));
    return true;
  }
  return false;
}

interface Limits {
  enrolmentFailures: RateLimiter;
  publicLookups: RateLimiter;
}

function handler(options: RegistryServerOptions, sync: boolean, limits: Limits, publicCheck: { url: string | null }) {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const url = new URL(req.url ?? '/', 'https://registry');
      const address = clientAddress(req, !sync && (options.trustForwardedFor ?? false));
      const limitLookups = () => {
        if (!limits.publicLookups.take(address)) throw new RegistryRefusal(429, 'too-many-requests');
      };
      if (await answerPublic(db, req, res, url, limitLookups)) return;
      if (!sync) return send(res, 404, { error: 'not-found' });
      const file = /^\/v1\/files\/([0-9a-f]{64})$/.exec(url.pathname);
      if (url.pathname === '/v1/enrol' && req.method === 'POST') {
        if (!limits.enrolmentFailures.has(address)) throw new RegistryRefusal(429, 'too-many-attempts');
        try {
          return send(res, 200, await enrolDesk(db, await readJson(req, EnrolRequest), now(), publicCheck.url));
        } catch (error) {
          if (error instanceof RegistryRefusal && error.status === 403) limits.enrolmentFailures.take(address);
          throw error;
        }
      }
      if (url.pathname === '/v1/push' && req.method === 'POST') {
        const desk = await deskOf(db, req);
        const request = await readJson(req, PushRequest);
        sameDesk(desk, request.clientId);
        return send(res, 200, await applyPush(db, desk, request, { now: now(), trustedRoots: await trustedRoots(db) }));
      }
      if (url.pathname === '/v1/pull' && req.method === 'POST') {
        const desk = await deskOf(db, req);
        const request = await readJson(req, PullRequest);
        sameDesk(desk, request.clientId);
        return send(res, 200, await pullChanges(db, desk, request.cursor));
      }
      if (url.pathname === '/v1/files/state' && req.method === 'POST') {
        const desk = await deskOf(db, req);
        const request = await readJson(req, FileStateRequest);
        sameDesk(desk, request.clientId);
        const states = await Promise.all(request.files.map(async (sha256) => [sha256, await receivedSoFar(db, desk, sha256)] as const));
        return send(res, 200, { files: Object.fromEntries(states) });
      }
      if (url.pathname === '/v1/audit-anchor' && req.method === 'POST') {
        const desk = await deskOf(db, req);
        const request = await readJson(req, AuditAnchorRequest);
        sameDesk(desk, request.clientId);
        return send(res, 200, { anchor: await auditAnchor(db, desk) });
      }
      if (url.pathname === '/v1/users' && req.method === 'POST') {
        const desk = await deskOf(db, req);
        const request = await readJson(req, DeskUsersRequest);
        sameDesk(desk, request.clientId);
        notDiverged(desk);
        return send(res, 200, await takeDeskUsers(db, desk, request.users));
      }
      if (url.pathname === '/v1/lease' && req.method === 'POST') {
        const desk = await deskOf(db, req);
        const request = await readJson(req, LeaseRequest);
        sameDesk(desk, request.clientId);
        notDiverged(desk);
        return send(res, 200, await leaseNumbers(db, desk, request, now()));
      }
      if (file && req.method === 'GET') {
        const desk = await deskOf(db, req);
        const content = await fileForDesk(db, desk, file[1]!);
        if (!content) throw new RegistryRefusal(404, 'file-not-found');
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(content.length) });
        return res.end(content);
      }
      if (file && req.method === 'HEAD') {
        const desk = await deskOf(db, req);
        const state = await receivedSoFar(db, desk, file[1]!);
        res.writeHead(200, { 'upload-offset': String(state.offset), 'upload-complete': state.complete ? '1' : '0' });
        return res.end();
      }
      if (file && req.method === 'PUT') {
        const desk = await deskOf(db, req);
        const size = Number(req.headers['upload-length']);
        const offset = Number(req.headers['upload-offset']);
        if (!Number.isSafeInteger(size) || !Number.isSafeInteger(offset) || offset < 0) throw new RegistryRefusal(400, 'upload-headers-missing');
        const chunk = await readBody(req, MAX_CHUNK_BYTES);
        const state = await receiveChunk(db, desk, { sha256: file[1]!, size, offset }, chunk);
        if (state.offset < 0) throw new RegistryRefusal(422, 'file-hash-mismatch');
        res.writeHead(200, { 'upload-offset': String(state.offset), 'upload-complete': state.complete ? '1' : '0' });
        return res.end();
      }
      if (['/v1/enrol', '/v1/push', '/v1/pull', '/v1/lease', '/v1/users', '/v1/files/state', '/v1/audit-anchor'].includes(url.pathname) || file) return send(res, 405, { error: 'method-not-allowed' });
      return send(res, 404, { error: 'not-found' });
    } catch (error) {
      if (error instanceof RegistryRefusal) {
        const headers: Record<string, string> = error.status === 413 ? { connection: 'close' } : error.status === 429 ? { 'retry-after': '60' } : {};
        send(res, error.status, { error: error.code, ...(error.detail ? { detail: error.detail } : {}) }, headers);
        return;
      }
      options.onInternalError?.(error);
      send(res, 500, { error: 'internal-error' });
    }
  };
}

/** Idle, silent and slow connections are closed: a socket that sends nothing, headers that trickle, a request that never ends. */
function closeWhenSilent(server: Server, idleMs: number) {
  server.timeout = idleMs;
  server.headersTimeout = HEADERS_MS;
  server.requestTimeout = 120_000;
  server.keepAliveTimeout = 5_000;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

/**
 * The registry's HTTP face: the sync port (TLS; the registry's CA certifies this instance and the desks,
 * and every sync call but enrolment needs an enrolled desk's certificate) and the public check.
 * The instance keeps nothing of its own: its TLS key is made anew at each start from the CA in the database.
 */
export async function startRegistryServer(options: RegistryServerOptions): Promise<RunningRegistryServer> {
  const now = options.now ?? (() => new Date());
  const host = options.host ?? '127.0.0.1';
  const ca = await registryCa(options.db, options.db.sealer, now());
  const tls = issueServerCertificate(ca, [...new Set([...(options.hostNames ?? []), 'localhost', '127.0.0.1'])], now());
  const limits: Limits = {
    enrolmentFailures: new RateLimiter(ENROLMENT_FAILURES.burst, ENROLMENT_FAILURES.perSecond),
    publicLookups: new RateLimiter(PUBLIC_LOOKUPS.burst, PUBLIC_LOOKUPS.perSecond),
  };
  // Told to each desk at enrolment (known once the public port listens, when not configured).
  const publicCheck = { url: options.publicCheckUrl?.replace(/\/+$/, '') ?? null };
  const syncServer = createHttpsServer(
    { key: tls.privateKeyPem, cert: tls.certificatePem, ca: [ca.certificatePem], requestCert: true, rejectUnauthorized: false, handshakeTimeout: HANDSHAKE_MS },
    handler(options, true, limits, publicCheck),
  );
  closeWhenSilent(syncServer, options.idleMs?.sync ?? SYNC_IDLE_MS);
  const port = await listen(syncServer, options.port ?? 0, host);
  let publicServer: Server | null = null;
  let publicUrl: string | null = null;
  if (options.publicPort !== null && options.publicPort !== undefined) {
    publicServer = createHttpServer(handler(options, false, limits, publicCheck));
    closeWhenSilent(publicServer, options.idleMs?.public ?? PUBLIC_IDLE_MS);
    publicServer.maxConnections = PUBLIC_MAX_CONNECTIONS;
    publicUrl = `http://${host}:${await listen(publicServer, options.publicPort, host)}`;
  }
  publicCheck.url ??= publicUrl;
  return {
    url: `https://${host}:${port}`,
    publicUrl,
    caPem: ca.certificatePem,
    async close() {
      await closeServer(syncServer);
      if (publicServer) await closeServer(publicServer);
    },
  };
}
