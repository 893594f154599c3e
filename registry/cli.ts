import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LICENCE_NUMBER } from '../domain/sync/licence-numbers';
import { PublicLicence } from '../domain/sync/protocol';
import { openRegistryDb } from './db/open';
import { issueEnrolmentCode, revokeDesk } from './enrolment/enrolment';
import { officeReport } from './public/report';
import { setLicenceStatus } from './licences/licence-status';
import { addTrustedRoots } from './licences/trusted-roots';
import { RegistryRefusal } from './refusal';
import { startRegistry } from './server/serve';

export interface RegistryCliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

const USAGE = `Usage: ajo registry <command> [options]
  (database: --database-url URL or AJO_REGISTRY_DATABASE_URL; else PGlite in --data-dir or AJO_REGISTRY_DATA_DIR)

  ajo registry serve [--port N] [--public-port N] [--host ADDR] [--host-name NAME]...
                                 the registry server: sync over TLS on --port (default 7443), the public
                                 check over HTTP on --public-port (default 7080)
  ajo registry enroll-office --authority-bin BIN --office-code CODE
                                 prints a one-time enrolment code for one desk of that office
  ajo registry revoke-desk CLIENT-ID
  ajo registry licence suspend|reinstate|revoke NUMBER
                                 a licence's status, as the authority or a court decided; desks pull it
  ajo registry trust add ROOT.pem...
                                 NCA root certificates signed licences must chain to
  ajo registry report --json     per office: applications, licences, refusals, files, last mutation ids
  ajo registry check NUMBER [--registry-public URL]
                                 the public check of a licence; exit 0 found, 1 not found
`;

export const DEFAULT_SYNC_PORT = 7443;
export const DEFAULT_PUBLIC_PORT = 7080;

class UsageError extends Error {}

const STORAGE_OPTIONS = { 'database-url': { type: 'string' }, 'data-dir': { type: 'string' } } as const;

export function registryDataDir(env: NodeJS.ProcessEnv, given?: string): string {
  return given ?? env.AJO_REGISTRY_DATA_DIR ?? join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'ajo-registry');
}

function storageOf(values: { 'database-url'?: string; 'data-dir'?: string }, env: NodeJS.ProcessEnv) {
  return { databaseUrl: values['database-url'] ?? env.AJO_REGISTRY_DATABASE_URL, dataDir: registryDataDir(env, values['data-dir']) };
}

async function withDb<T>(values: { 'database-url'?: string; 'data-dir'?: string }, env: NodeJS.ProcessEnv, work: (db: Awaited<ReturnType<typeof openRegistryDb>>) => Promise<T>): Promise<T> {
  const db = await openRegistryDb(storageOf(values, env));
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

export async function runRegistryCli(argv: string[], io: RegistryCliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serve(rest, io);
      case 'enroll-office': {
        const { values } = parseArgs({ args: rest, options: { ...STORAGE_OPTIONS, 'authority-bin': { type: 'string' }, 'office-code': { type: 'string' } } });
        if (!values['authority-bin'] || !values['office-code']) throw new UsageError('enroll-office needs --authority-bin and --office-code');
        const issued = await withDb(values, io.env, (db) => issueEnrolmentCode(db, { authorityBin: values['authority-bin']!, officeCode: values['office-code']! }, new Date()));
        io.out(JSON.stringify({ code: issued.code, expiresAt: issued.expiresAt, authorityBin: values['authority-bin'], officeCode: values['office-code'] }));
        return 0;
      }
      case 'revoke-desk': {
        const { values, positionals } = parseArgs({ args: rest, options: STORAGE_OPTIONS, allowPositionals: true });
        if (positionals.length !== 1) throw new UsageError('revoke-desk needs the desk id');
        const revoked = await withDb(values, io.env, (db) => revokeDesk(db, positionals[0]!, new Date()));
        io.out(JSON.stringify({ clientId: positionals[0], revoked }));
        return revoked ? 0 : 1;
      }
      case 'licence': {
        const { values, positionals } = parseArgs({ args: rest.slice(1), options: STORAGE_OPTIONS, allowPositionals: true });
        const status = ({ suspend: 'suspended', reinstate: 'active', revoke: 'revoked' } as const)[rest[0] as 'suspend' | 'reinstate' | 'revoke'];
        const number = positionals[0]?.trim().toUpperCase();
        if (!status || !number || !LICENCE_NUMBER.test(number)) throw new UsageError('licence needs suspend, reinstate or revoke, and a licence number');
        io.out(JSON.stringify(await withDb(values, io.env, (db) => setLicenceStatus(db, number, status))));
        return 0;
      }
      case 'trust': {
        if (rest[0] !== 'add') break;
        const { values, positionals } = parseArgs({ args: rest.slice(1), options: STORAGE_OPTIONS, allowPositionals: true });
        if (positionals.length === 0) throw new UsageError('trust add needs certificate files');
        const ders = positionals.map((file) => derOf(readFileSync(file)));
        const added = await withDb(values, io.env, (db) => addTrustedRoots(db, ders));
        io.out(JSON.stringify({ added }));
        return 0;
      }
      case 'report': {
        const { values } = parseArgs({ args: rest, options: { ...STORAGE_OPTIONS, json: { type: 'boolean' } } });
        const report = await withDb(values, io.env, (db) => officeReport(db));
        io.out(values.json ? JSON.stringify(report) : report.map((o) => `${o.authorityBin} ${o.officeCode}: ${o.applications} applications, ${o.licences} licences, ${o.refusals} refusals, ${o.files} files`).join('\n'));
        return 0;
      }
      case 'check':
        return await check(rest, io);
      case undefined:
      case 'help':
      case '--help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command: registry ${argv.join(' ')}`);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && 'code' in error && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')) {
      io.err(`ajo registry: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof RegistryRefusal) {
      io.err(`ajo registry: ${error.message}`);
      return 1;
    }
    io.err(`ajo registry: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

function derOf(bytes: Buffer): Buffer {
  const text = bytes.toString('latin1');
  const pem = /-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/.exec(text);
  return pem ? Buffer.from(pem[1]!.replace(/\s+/g, ''), 'base64') : bytes;
}

async function serve(args: string[], io: RegistryCliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...STORAGE_OPTIONS, port: { type: 'string' }, 'public-port': { type: 'string' }, host: { type: 'string' }, 'host-name': { type: 'string', multiple: true } },
  });
  const registry = await startRegistry(storageOf(values, io.env), {
    port: values.port ? Number(values.port) : DEFAULT_SYNC_PORT,
    publicPort: values['public-port'] ? Number(values['public-port']) : DEFAULT_PUBLIC_PORT,
    host: values.host ?? '127.0.0.1',
    hostNames: values['host-name'] ?? [],
    onInternalError: (error) => io.err(`registry: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  io.out(JSON.stringify({ url: registry.url, publicUrl: registry.publicUrl, database: registry.db.kind }));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await registry.close();
  return 0;
}

async function check(args: string[], io: RegistryCliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { 'registry-public': { type: 'string' } }, allowPositionals: true });
  const number = positionals[0]?.trim().toUpperCase();
  if (!number || !LICENCE_NUMBER.test(number)) throw new UsageError('check needs a licence number such as KZ26ALM00000001');
  const base = values['registry-public'] ?? io.env.AJO_REGISTRY_PUBLIC_URL ?? `http://127.0.0.1:${DEFAULT_PUBLIC_PORT}`;
  const response = await fetch(new URL(`/v1/public/licences/${number}`, base));
  if (response.status === 404) {
    io.out(JSON.stringify({ number, found: false }));
    return 1;
  }
  if (!response.ok) throw new Error(`the registry answered ${response.status}`);
  io.out(JSON.stringify({ found: true, ...PublicLicence.parse(await response.json()) }));
  return 0;
}
