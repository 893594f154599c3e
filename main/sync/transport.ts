import { createHash } from 'node:crypto';
import { Agent, request } from 'node:https';
import type { z } from 'zod';
import { MAX_ANSWER_BYTES, RegistryError } from '../../domain/sync/protocol';

/** The registry did not answer (no route, refused, cut off, timed out): try again later. */
export class RegistryUnreachable extends Error {}

/** The registry answered no: its code says why; the request changed nothing there. */
export class RegistryRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail?: string,
  ) {
    super(`registry refused (${status} ${code}${detail ? `: ${detail}` : ''})`);
  }
}

/**
 * The registry failed on our request (500): a fault of the registry's to report, not a link that is down
 * and not a refusal of our data. The desk keeps its commands and tries again later all the same.
 */
export class RegistryFault extends RegistryRefused {
  constructor(status: number) {
    super(status, 'registry-internal-error', 'the registry failed on this request: tell the registry operator; the desk tries again later');
  }
}

export interface TlsIdentity {
  /** The registry's CA, the only one trusted for its address; null at first contact (enrolment). */
  caPem: string | null;
  certificatePem?: string;
  privateKeyPem?: string;
}

export interface RegistryTransport {
  postJson<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>>;
  fileState(sha256: string): Promise<{ offset: number; complete: boolean }>;
  putChunk(sha256: string, size: number, offset: number, chunk: Buffer): Promise<{ offset: number; complete: boolean }>;
  /** A file of this desk's authority, checked against its name. */
  getFile(sha256: string): Promise<Buffer>;
  close(): void;
}

const TIMEOUT_MS = 60_000;

/**
 * HTTPS to the registry, both sides authenticated: the desk trusts only the registry's own CA (pinned
 * at enrolment) and shows its client certificate. Answers are checked against the protocol's schemas.
 */
export function registryTransport(baseUrl: string, identity: TlsIdentity, options: { timeoutMs?: number } = {}): RegistryTransport {
  const agent = new Agent({
    keepAlive: true,
    maxSockets: 4,
    ...(identity.caPem ? { ca: [identity.caPem] } : { rejectUnauthorized: false }),
    ...(identity.certificatePem ? { cert: identity.certificatePem, key: identity.privateKeyPem } : {}),
  });
  const timeout = options.timeoutMs ?? TIMEOUT_MS;

  function call(method: string, path: string, headers: Record<string, string>, body: Buffer | null): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = request(new URL(path, baseUrl), { method, agent, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) }, timeout }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          // No page or file is this large: whatever sends it is not the registry speaking its protocol.
          if (size > MAX_ANSWER_BYTES) {
            reject(new RegistryRefused(res.statusCode ?? 0, 'answer-too-large'));
            req.destroy();
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', (error) => reject(new RegistryUnreachable(error.message)));
        res.on('aborted', () => reject(new RegistryUnreachable('answer cut off')));
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (error) => reject(new RegistryUnreachable(error.message)));
      req.end(body ?? undefined);
    });
  }

  function refusal(status: number, body: Buffer): RegistryRefused | RegistryUnreachable {
    if (status === 500) return new RegistryFault(status);
    if (status > 500 || status === 0) return new RegistryUnreachable(`registry answered ${status}`);
    try {
      const parsed = RegistryError.parse(JSON.parse(body.toString('utf8')));
      return new RegistryRefused(status, parsed.error, parsed.detail);
    } catch {
      return new RegistryRefused(status, 'unreadable-answer');
    }
  }

  const offsetOf = (headers: Record<string, string | string[] | undefined>) => ({ offset: Number(headers['upload-offset']), complete: headers['upload-complete'] === '1' });

  return {
    async postJson(path, body, schema) {
      const answer = await call('POST', path, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify(body)));
      if (answer.status !== 200) throw refusal(answer.status, answer.body);
      let value: unknown;
      try {
        value = JSON.parse(answer.body.toString('utf8'));
      } catch {
        throw new RegistryUnreachable('answer cut off or not JSON');
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) throw new RegistryRefused(answer.status, 'answer-not-in-protocol', parsed.error.message.slice(0, 200));
      return parsed.data;
    },
    async fileState(sha256) {
      const answer = await call('HEAD', `/v1/files/${sha256}`, {}, null);
      if (answer.status !== 200) throw refusal(answer.status, answer.body);
      return offsetOf(answer.headers);
    },
    async putChunk(sha256, size, offset, chunk) {
      const answer = await call('PUT', `/v1/files/${sha256}`, { 'content-type': 'application/octet-stream', 'upload-length': String(size), 'upload-offset': String(offset) }, chunk);
      if (answer.status !== 200) throw refusal(answer.status, answer.body);
      return offsetOf(answer.headers);
    },
    async getFile(sha256) {
      const answer = await call('GET', `/v1/files/${sha256}`, {}, null);
      if (answer.status !== 200) throw refusal(answer.status, answer.body);
      if (createHash('sha256').update(answer.body).digest('hex') !== sha256) throw new RegistryUnreachable('file cut off or damaged on the way');
      return answer.body;
    },
    close: () => agent.destroy(),
  };
}
