import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidIdn } from '../../domain/ids/iin-bin';
import type { LegalEntityRecord, PersonRecord, PoaRecord } from '../../domain/gateway/state-databases';
import type { NcaSimulator } from '../pki/nca';
import { LEGAL_ENTITIES, PERSONS, POWERS_OF_ATTORNEY } from './seed-data';

export interface SimulatorData {
  legalEntities: LegalEntityRecord[];
  persons: PersonRecord[];
  powersOfAttorney: PoaRecord[];
}

export interface SimulatorOptions {
  data?: SimulatorData;
  /** Answer every request with this HTTP status, to test an unavailable gateway. */
  failWith?: number;
  /** The certification authority's CRL distribution points, OCSP responder and TSA, under /nca/. */
  nca?: NcaSimulator;
}

export interface RunningSimulator {
  url: string;
  server: Server;
  close(): Promise<void>;
  /** The gateway answers every request with this HTTP status (undefined: normally again). */
  setFailure(status: number | undefined): void;
  /** The gateway drops every connection unanswered, as when it is down (the NCA keeps answering). */
  setUnreachable(down: boolean): void;
  /** The NCA is made after the server starts: its certificates carry the server's address. */
  setNca(nca: NcaSimulator | undefined): void;
}

const MAX_BODY = 64 * 1024;

/**
 * Simulators of the state databases behind the e-government gateway, on loopback only. They answer
 * like the real services do for our purposes: a record, 404 for an unknown number, 400 for a number
 * that fails the checksum.
 */
export async function startSimulators(options: SimulatorOptions = {}, port = 0): Promise<RunningSimulator> {
  const data = options.data ?? { legalEntities: LEGAL_ENTITIES, persons: PERSONS, powersOfAttorney: POWERS_OF_ATTORNEY };
  let failWith = options.failWith;
  let unreachable = false;
  let nca = options.nca;

  const server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/nca/')) return answerNca(req, res, path);
    if (unreachable) return req.socket.destroy();
    if (failWith) return send(failWith, { error: 'simulated failure' });
    if (req.method !== 'GET') return send(405, { error: 'method not allowed' });
    const match = /^\/(gbd-ul\/v1\/entities|gbd-fl\/v1\/persons|enis\/v1\/poa)\/([^/]+)$/.exec(path);
    if (!match) return send(404, { error: 'no such service' });
    const key = decodeURIComponent(match[2]!);
    if (match[1] !== 'enis/v1/poa' && !isValidIdn(key)) return send(400, { error: 'invalid identifier' });
    const record =
      match[1] === 'gbd-ul/v1/entities'
        ? data.legalEntities.find((e) => e.bin === key)
        : match[1] === 'gbd-fl/v1/persons'
          ? data.persons.find((p) => p.iin === key)
          : data.powersOfAttorney.find((p) => p.registryNumber === key);
    return record ? send(200, record) : send(404, { error: 'not found' });
  });

  function answerNca(req: IncomingMessage, res: ServerResponse, path: string) {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const answer = nca?.handle(req.method ?? 'GET', path, Buffer.concat(chunks)) ?? { status: 404, contentType: 'text/plain', body: Buffer.from('no NCA') };
      res.writeHead(answer.status, { 'content-type': answer.contentType });
      res.end(answer.body);
    });
  }

  // A port taken by another program (the saved one, after a restart) must reject, so the caller can fall back.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    server,
    setFailure: (status) => (failWith = status),
    setUnreachable: (down) => (unreachable = down),
    setNca: (next) => (nca = next),
    // Clients holding keep-alive connections must not keep a closing simulator alive.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
