import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CalendarYear } from '../domain/calendar/working-days';
import { Catalogue } from '../domain/catalogue/catalogue';
import { isCheckableNumber, LICENCE_NUMBER } from '../domain/sync/licence-numbers';
import { PublicLicence } from '../domain/sync/protocol';
import { openRegistryDb } from './db/open';
import { issueEnrolmentCode, revokeDesk } from './enrolment/enrolment';
import { officeReport } from './public/report';
import { setLicenceStatus } from './licences/licence-status';
import { publishCalendarYear, publishCatalogue, publishCertificates, publishCrl, publishedReference } from './reference/publish';
import { RegistryRefusal } from './refusal';
import { startRegistry, type RunningRegistry } from './server/serve';
import { FolderLocked } from './db/folder-lock';
import type { RegistryStorage } from './db/open';
import { verifyOperatorLog } from './admin/operator-log';
import type { RegistryDb } from './db/sql';
import { listenForAdmin, runningAdminSocket, sendToRunning } from './admin/socket';

export interface RegistryCliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  /** The running registry's own database, when it runs a command handed to it over its admin socket. */
  db?: RegistryDb;
}

const USAGE = `Usage: ajo registry <command> [options]
  (database: --database-url URL or AJO_REGISTRY_DATABASE_URL; else PGlite in --data-dir or AJO_REGISTRY_DATA_DIR)
  (the key its CA is sealed under: AJO_REGISTRY_KEY (32 bytes, base64), or --key-file FILE / AJO_REGISTRY_KEY_FILE;
   else a key file made once in the data folder — keep a copy: without it the CA cannot be opened)

  ajo registry serve [--port N] [--public-port N] [--public-url URL] [--host ADDR] [--host-name NAME]...
                                 the registry server: sync over TLS on --port (default 7443), the public
                                 check over HTTP on --public-port (default 7080); --public-url (or
                                 AJO_REGISTRY_PUBLIC_URL) is where the public reaches that check: desks
                                 enrolled from now on print it in QR codes (BASE/check/NUMBER)
  ajo registry enroll-office --authority-bin BIN --office-code CODE
                                 prints a one-time enrolment code for one desk of that office
  ajo registry revoke-desk CLIENT-ID
  ajo registry licence suspend|reinstate|revoke NUMBER
                                 a licence's status, as the authority or a court decided; desks pull it
  ajo registry trust add CA.pem...
                                 NCA CA certificates signed licences must chain to; every office pulls them
  ajo registry crl add FILE.crl...
                                 a CRL of a trusted CA (PEM or DER) for every office; it replaces the CA's previous one
  ajo registry calendar publish kz-YYYY.json...
                                 a year of the working calendar for every office (a corrected year replaces it)
  ajo registry catalogue publish catalogue.json
                                 a newer version of the services catalogue for every office
  ajo registry reference [--json]
                                 what is published for every office now
  ajo registry report --json     per office: applications, licences, refusals, files, last mutation ids
  ajo registry audit verify      the operators' own actions (codes, withdrawals, licence statuses, publications),
                                 chained: exit 0 intact, 1 broken
  ajo registry alarms            what the registry raised for its operator (a desk asking far more numbers
                                 than its office uses), newest first, one JSON line each
  ajo registry check NUMBER [--registry-public URL]
                                 the public check of a licence, conclusion or duplicate; exit 0 found, 1 not found
`;

export const DEFAULT_SYNC_PORT = 7443;
export const DEFAULT_PUBLIC_PORT = 7080;

class UsageError extends Error {}

const STORAGE_OPTIONS = { 'database-url': { type: 'string' }, 'data-dir': { type: 'string' }, 'key-file': { type: 'string' } } as const;

export function registryDataDir(env: NodeJS.ProcessEnv, given?: string): string {
  return given ?? env.AJO_REGISTRY_DATA_DIR ?? join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'ajo-registry');
}

function storageOf(values: { 'database-url'?: string; 'data-dir'?: string; 'key-file'?: string }, env: NodeJS.ProcessEnv): RegistryStorage {
  return {
    databaseUrl: values['database-url'] ?? env.AJO_REGISTRY_DATABASE_URL,
    dataDir: registryDataDir(env, values['data-dir']),
    keyBase64: env.AJO_REGISTRY_KEY,
    keyFile: values['key-file'] ?? env.AJO_REGISTRY_KEY_FILE,
  };
}

/** The folder is the embedded registry's while it runs: the command goes to it instead. */
class HandToRunning extends Error {
  constructor(readonly socket: string) {
    super('the registry running on this folder takes the command');
  }
}

async function withDb<T>(values: { 'database-url'?: string; 'data-dir'?: string; 'key-file'?: string }, io: RegistryCliIo, work: (db: RegistryDb) => Promise<T>): Promise<T> {
  if (io.db) return work(io.db);
  const storage = storageOf(values, io.env);
  let db: RegistryDb;
  try {
    db = await openRegistryDb(storage);
  } catch (error) {
    const socket = error instanceof FolderLocked && !storage.databaseUrl ? runningAdminSocket(storage.dataDir) : null;
    throw socket ? new HandToRunning(socket) : error;
  }
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** A registry on an embedded folder takes operators' commands over its admin socket while it runs. */
export async function withAdminSocket(registry: RunningRegistry, storage: RegistryStorage, env: NodeJS.ProcessEnv, warn: (line: string) => void = console.warn): Promise<RunningRegistry> {
  if (storage.databaseUrl) return registry;
  let admin: { close(): Promise<void> };
  try {
    admin = await listenForAdmin(storage.dataDir, (argv, io) => runRegistryCli(argv, { ...io, env, db: registry.db }));
  } catch (error) {
    // The registry serves all the same; only commands run beside it must wait until it stops.
    warn(`registry: no admin socket in ${storage.dataDir} (${error instanceof Error ? error.message : String(error)}): stop the registry to run ajo registry commands on its folder`);
    return registry;
  }
  return {
    ...registry,
    async close() {
      await admin.close();
      await registry.close();
    },
  };
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
        const issued = await withDb(values, io, (db) => issueEnrolmentCode(db, { authorityBin: values['authority-bin']!, officeCode: values['office-code']! }, new Date()));
        io.out(JSON.stringify({ code: issued.code, expiresAt: issued.expiresAt, authorityBin: values['authority-bin'], officeCode: values['office-code'] }));
        return 0;
      }
      case 'revoke-desk': {
        const { values, positionals } = parseArgs({ args: rest, options: STORAGE_OPTIONS, allowPositionals: true });
        if (positionals.length !== 1) throw new UsageError('revoke-desk needs the desk id');
        const revoked = await withDb(values, io, (db) => revokeDesk(db, positionals[0]!, new Date()));
        io.out(JSON.stringify({ clientId: positionals[0], revoked }));
        return revoked ? 0 : 1;
      }
      case 'licence': {
        const { values, positionals } = parseArgs({ args: rest.slice(1), options: STORAGE_OPTIONS, allowPositionals: true });
        const status = ({ suspend: 'suspended', reinstate: 'active', revoke: 'revoked' } as const)[rest[0] as 'suspend' | 'reinstate' | 'revoke'];
        const number = positionals[0]?.trim().toUpperCase();
        if (!status || !number || !LICENCE_NUMBER.test(number)) throw new UsageError('licence needs suspend, reinstate or revoke, and a licence number');
        io.out(JSON.stringify(await withDb(values, io, (db) => setLicenceStatus(db, number, status))));
        return 0;
      }
      case 'trust':
      case 'crl':
      case 'calendar':
      case 'catalogue':
        return await publishReference(command, rest, io);
      case 'reference': {
        const { values } = parseArgs({ args: rest, options: { ...STORAGE_OPTIONS, json: { type: 'boolean' } } });
        const published = await withDb(values, io, (db) => publishedReference(db));
        io.out(values.json ? JSON.stringify(published) : published.map((p) => `${p.kind} ${p.key}${p.version ? ` (${p.version})` : ''} — ${p.publishedAt}`).join('\n'));
        return 0;
      }
      case 'report': {
        const { values } = parseArgs({ args: rest, options: { ...STORAGE_OPTIONS, json: { type: 'boolean' } } });
        const report = await withDb(values, io, (db) => officeReport(db));
        io.out(values.json ? JSON.stringify(report) : report.map((o) => `${o.authorityBin} ${o.officeCode}: ${o.applications} applications, ${o.licences} licences, ${o.refusals} refusals, ${o.files} files`).join('\n'));
        return 0;
      }
      case 'check':
        return await check(rest, io);
      case 'audit': {
        if (rest[0] !== 'verify') throw new UsageError('audit takes verify');
        const { values } = parseArgs({ args: rest.slice(1), options: STORAGE_OPTIONS });
        const report = await withDb(values, io, (db) => verifyOperatorLog(db));
        io.out(JSON.stringify(report));
        return report.ok ? 0 : 1;
      }
      case 'alarms': {
        const { values } = parseArgs({ args: rest, options: STORAGE_OPTIONS });
        const alarms = await withDb(values, io, (db) => db.query<{ at: Date; office_id: string | null; client_id: string | null; kind: string; detail: string }>('SELECT at, office_id, client_id, kind, detail FROM operator_alarms ORDER BY at DESC LIMIT 100'));
        for (const a of alarms) io.out(JSON.stringify({ at: a.at.toISOString(), officeId: a.office_id, clientId: a.client_id, kind: a.kind, detail: a.detail }));
        return 0;
      }
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
    if (error instanceof HandToRunning) {
      const answer = await sendToRunning(error.socket, argv);
      answer.out.forEach(io.out);
      answer.err.forEach(io.err);
      return answer.code;
    }
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (code === 'EACCES' || code === 'EPERM') {
      io.err(`ajo registry: ${(error as NodeJS.ErrnoException).path ?? 'the registry’s folder'} is not this user’s to read: run ajo registry as the user that runs the registry`);
      return 2;
    }
    io.err(`ajo registry: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

/** PEM (one or more blocks of the label) or DER as it is. */
function pemOrDer(bytes: Buffer, label: 'CERTIFICATE' | 'X509 CRL'): Buffer[] {
  const text = bytes.toString('latin1');
  const blocks = [...text.matchAll(new RegExp(`-----BEGIN ${label}-----([^-]+)-----END ${label}-----`, 'g'))];
  return blocks.length ? blocks.map((b) => Buffer.from(b[1]!.replace(/\s+/g, ''), 'base64')) : [bytes];
}

function jsonFile<S extends z.ZodType>(file: string, schema: S, what: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`${file} is not ${what}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Reference data for every office: each publication printed as a line of JSON (published false: it was there already). */
async function publishReference(command: 'trust' | 'crl' | 'calendar' | 'catalogue', rest: string[], io: RegistryCliIo): Promise<number> {
  const verb = { trust: 'add', crl: 'add', calendar: 'publish', catalogue: 'publish' }[command];
  if (rest[0] !== verb) throw new UsageError(`${command} ${verb} FILE...`);
  const { values, positionals } = parseArgs({ args: rest.slice(1), options: STORAGE_OPTIONS, allowPositionals: true });
  if (positionals.length === 0) throw new UsageError(`${command} ${verb} needs files`);
  const done = await withDb(values, io, async (db) => {
    switch (command) {
      case 'trust':
        return publishCertificates(db, positionals.flatMap((file) => pemOrDer(readFileSync(file), 'CERTIFICATE')));
      case 'crl': {
        const published = [];
        for (const der of positionals.flatMap((file) => pemOrDer(readFileSync(file), 'X509 CRL'))) published.push(await publishCrl(db, der, new Date()));
        return published;
      }
      case 'calendar': {
        const published = [];
        for (const year of positionals.map((file) => jsonFile(file, CalendarYear, 'a calendar year'))) published.push(await publishCalendarYear(db, year));
        return published;
      }
      case 'catalogue':
        if (positionals.length !== 1) throw new UsageError('catalogue publish takes one file');
        return [await publishCatalogue(db, jsonFile(positionals[0]!, Catalogue, 'a services catalogue'))];
    }
  });
  for (const publication of done) io.out(JSON.stringify(publication));
  return 0;
}

async function serve(args: string[], io: RegistryCliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...STORAGE_OPTIONS, port: { type: 'string' }, 'public-port': { type: 'string' }, 'public-url': { type: 'string' }, host: { type: 'string' }, 'host-name': { type: 'string', multiple: true } },
  });
  const storage = storageOf(values, io.env);
  const publicCheckUrl = values['public-url'] ?? io.env.AJO_REGISTRY_PUBLIC_URL;
  if (publicCheckUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(publicCheckUrl)) throw new UsageError('--public-url needs an http(s) address, e.g. https://licence-check.example.kz');
  const started = await startRegistry(storage, {
    port: values.port ? Number(values.port) : DEFAULT_SYNC_PORT,
    publicPort: values['public-port'] ? Number(values['public-port']) : DEFAULT_PUBLIC_PORT,
    host: values.host ?? '127.0.0.1',
    hostNames: values['host-name'] ?? [],
    ...(publicCheckUrl ? { publicCheckUrl } : {}),
    onInternalError: (error) => io.err(`registry: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  const registry = await withAdminSocket(started, storage, io.env, io.err);
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
  if (!number || !isCheckableNumber(number)) throw new UsageError('check needs a licence, conclusion or duplicate number such as KZ26ALM00000001 or KZ26ALM00000001-D1');
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
