import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { Authority, NewAdmin, Username, Password, Idn } from '../../domain/api/contract';
import { Line } from '../../domain/api/text';
import { Role } from '../../domain/applications/status';
import { AppError } from '../../domain/api/errors';
import { integrityCheck, openDatabase } from '../../db/open';
import { verifyAudit } from '../../db/audit/verify';
import { BlobStore } from '../../db/blob-store';
import { checkStore } from '../services/store-check';
import { LATEST_VERSION, schemaVersion } from '../../db/migrations';
import { existsSync } from 'node:fs';
import { createUser } from '../services/auth';
import { databasePath, filesPath } from '../storage';
import { initialize } from '../services/setup';
import { parseCertificates, trustCertificates, trustedDers } from '../services/trust';
import { verifyPdf, type PdfVerification } from '../../pki/pdf/verify-pdf';
import { CmsFileError, readSignedFile, verifyCmsFile, type CmsVerification, type SignedFile } from '../../pki/cms/verify-file';
import { verifyDocument } from '../services/verification';
import { MAX_SIGN_BYTES, signOutgoingPdf } from '../services/outgoing';
import { promptSecret } from './prompt';
import { inspectKeyFile } from '../services/keys';
import { MAX_KEY_FILE_BYTES } from '../../domain/api/call';
import { importCrl } from '../services/revocation';
import { findIdentifiers } from '../../domain/ids/find-identifiers';
import { ImportError, MAX_IMAGE_PIXELS } from '../../scanner/import-file';
import { OcrPool } from '../../scanner/ocr/ocr-pool';
import { pagesForOcr, readPages } from '../../scanner/ocr/file-pages';
import { z } from 'zod';
import { enrolDesk, openEnrolment, openEnrolmentReadOnly } from '../sync/enrol';
import { checkAuditAnchor } from '../sync/audit-anchor';
import { syncRound } from '../sync/round';
import { syncStatus } from '../sync/status';
import { registryTransport, RegistryRefused, RegistryUnreachable } from '../sync/transport';
import { DEFAULT_LEASE_SIZE } from '../../domain/sync/licence-numbers';

import { calendarDraft, calendarImport, calendarShow } from './calendar';
import { backupCommand, restoreCommand } from './backup';
import { dataDirOf, openCoreFor, parseOr, UsageError, type CliIo } from './common';

export type { CliIo };
type DocumentReport = PdfVerification | CmsVerification;

/**
 * `ajo`: scriptable administration. Every option is a flag; nothing prompts when flags are given.
 * Exit codes: 0 done (or valid), 1 refused or invalid, 2 could not do it (bad usage, unreadable input).
 */

const USAGE = `Usage: ajo <command> [options]      (data folder: AJO_DATA_DIR or --data-dir)

  ajo init --admin-username NAME --admin-password PW --admin-name "FULL NAME" [--admin-iin IIN]
           --authority-name-kk TEXT --authority-name-ru TEXT --bin BIN
           --place-kk TEXT --place-ru TEXT --office-code CODE
  ajo user add --username NAME --name "FULL NAME" --role ROLE [--role ROLE] [--iin IIN] --password PW
  ajo trust add CERT.pem...      NCA's CA certificates (RSA, GOST 2015 or GOST 2004), PEM or DER
  ajo key show KEY.p12           what a key file holds: algorithm, holder, roles, key usage, validity, issuer
                                 (JSON); key password from AJO_KEY_PASSWORD, else asked on the terminal
  ajo crl add FILE.crl...        full or delta CRL (RSA- or GOST-signed), DER or PEM, of a trusted CA
  ajo sign IN.pdf --key KEY.p12 --out OUT.pdf
                                 key password from AJO_KEY_PASSWORD, else asked on the terminal
  ajo verify FILE [--data DATA] [--trust CA.pem]...
                                 a signed PDF, or a CMS file (.cms, .p7s: attached, or detached with its
                                 data file given by --data), judged by the desk's trust store or the CAs given;
                                 JSON report; exit 0 valid, 1 invalid (or no trust store: integrity only), 2 could not check
  ajo ocr FILE [--json]          text of an image, TIFF or scanned PDF (pages separated by form feeds),
                                 or JSON with each page's confidence and the IINs/BINs found
  ajo db check                   SQLite integrity, schema version, stored files against their hashes,
                                 and every decision against its signed PDF; exit 0 ok, 1 problems found
  ajo enroll --registry URL --code CODE [--desk-name NAME]
                                 enrols this desk with the central registry (once, with the code its
                                 administrator issued by \`ajo registry enroll-office\`)
  ajo sync [--lease-size N]      one round with the registry: lease licence numbers if low, upload files,
                                 push waiting commands, pull changes; JSON report; exit 0 when nothing is
                                 left to send, 1 when something still waits, 2 when the registry is unreachable
  ajo sync status --json         what waits, by kind; accepted and rejected totals; last sync; numbers left
  ajo registry …                 the central registry's own commands: ajo registry help
  ajo simulate --days N [--per-day K]
                                 N days of a demo office's work through the core (registrations with
                                 scans, checklists, licences and refusals signed), for benchmarks
  ajo calendar show YEAR [--working-weekends]
                                 the working calendar this desk works by (the registry's years over the
                                 shipped ones): the year's weekdays off, or its weekend days made working,
                                 one ISO date a line; exit 1 when the year is not in the calendar
  ajo calendar import FILE.json  a year as the Government's decree sets it ({"year", "daysOff", "workingWeekends",
                                 "source"}), in place of the one this desk has; open deadlines are recounted
  ajo calendar draft YEAR [--kurban-ait DATE]
                                 the year by the Law on holidays alone (weekend holidays carried), as JSON to
                                 check against the decree, complete and import
  ajo audit verify               the audit trail's hash chain and the rows it vouches for; JSON report
                                 with the first broken link; exit 0 intact, 1 broken
  ajo backup --to DIR            the desk's database (an online snapshot) and files, sealed under a passphrase
                                 (AJO_BACKUP_PASSPHRASE, else asked); to the same folder again, only new files
  ajo restore FROM               a backup into an empty data folder, checked (db check, audit verify) first;
                                 its number blocks closed; if the registry then says it diverged, enrol again
`;


export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, sub] = argv;
  try {
    switch (command) {
      case 'init':
        return await init(argv.slice(1), io);
      case 'user':
        if (sub === 'add') return await userAdd(argv.slice(2), io);
        break;
      case 'trust':
        if (sub === 'add') return await trustAdd(argv.slice(2), io);
        break;
      case 'crl':
        if (sub === 'add') return await crlAdd(argv.slice(2), io);
        break;
      case 'verify':
        return await verify(argv.slice(1), io);
      case 'key':
        if (sub === 'show') return await keyShow(argv.slice(2), io);
        break;
      case 'sign':
        return await sign(argv.slice(1), io);
      case 'ocr':
        return await ocr(argv.slice(1), io);
      case 'db':
        if (sub === 'check') return await dbCheck(argv.slice(2), io);
        break;
      case 'enroll':
        return await enroll(argv.slice(1), io);
      case 'sync':
        return sub === 'status' ? syncStatusCommand(argv.slice(2), io) : await syncCommand(argv.slice(1), io);
      case 'audit':
        if (sub === 'verify') return await auditVerify(argv.slice(2), io);
        break;
      case 'backup':
        return await backupCommand(argv.slice(1), io);
      case 'restore':
        return await restoreCommand(argv.slice(1), io);
      case 'calendar':
        if (sub === 'show') return await calendarShow(argv.slice(2), io);
        if (sub === 'import') return await calendarImport(argv.slice(2), io);
        if (sub === 'draft') return calendarDraft(argv.slice(2), io);
        break;
      case undefined:
      case 'help':
      case '--help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command: ${argv.join(' ')}`);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && 'code' in error && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')) {
      io.err(`ajo: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof AppError) {
      io.err(`ajo: ${error.code}${error.reason ? ` (${error.reason})` : ''}`);
      return 1;
    }
    io.err(`ajo: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

/** The same reading as attached documents get: the file checked as on import, pages through the OCR pool. */
async function ocr(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('ocr needs one file');
  let file;
  try {
    file = await pagesForOcr(readFileSync(positionals[0]!));
  } catch (error) {
    if (error instanceof ImportError) {
      const why = error.problem === 'image-too-large' ? `an image in it is larger than ${MAX_IMAGE_PIXELS / 1e6} megapixels` : error.problem;
      throw new Error(`${positionals[0]}: cannot read it (${why})`);
    }
    throw error;
  }
  const pool = new OcrPool();
  try {
    const read = await readPages(file, pool.size * 2, (page) => (page ? pool.recognize(page.image, page.resolution) : Promise.resolve(null)));
    const texts = read.map((page) => page?.text ?? '');
    if (values.json) {
      const pagesOut = read.map((page) => (page ? { text: page.text, confidence: Math.round(page.confidence) } : { text: '', confidence: null }));
      io.out(JSON.stringify({ pages: pagesOut, identifiers: findIdentifiers(texts.join('\n')) }));
    } else {
      io.out(texts.join('\n\f\n'));
    }
    return 0;
  } finally {
    await pool.close();
  }
}

async function init(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'data-dir': { type: 'string' },
      'admin-username': { type: 'string' },
      'admin-password': { type: 'string' },
      'admin-name': { type: 'string' },
      'admin-iin': { type: 'string' },
      'authority-name-kk': { type: 'string' },
      'authority-name-ru': { type: 'string' },
      bin: { type: 'string' },
      'place-kk': { type: 'string' },
      'place-ru': { type: 'string' },
      'office-code': { type: 'string' },
    },
  });
  const authority = parseOr(Authority, {
    nameKk: values['authority-name-kk'],
    nameRu: values['authority-name-ru'],
    bin: values.bin,
    placeKk: values['place-kk'],
    placeRu: values['place-ru'],
    officeCode: values['office-code'],
  }, 'authority');
  const admin = parseOr(NewAdmin, {
    username: values['admin-username'],
    password: values['admin-password'] ?? io.env.AJO_ADMIN_PASSWORD,
    fullName: values['admin-name'],
    iin: values['admin-iin'] ?? null,
  }, 'admin');
  const dataDir = dataDirOf(values, io.env);
  const core = openCoreFor(dataDir);
  try {
    const user = await initialize(core.ctx, authority, admin);
    io.out(JSON.stringify({ dataDir, admin: user.username, authority: authority.bin }));
    return 0;
  } finally {
    await core.close();
  }
}

async function userAdd(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'data-dir': { type: 'string' },
      username: { type: 'string' },
      name: { type: 'string' },
      iin: { type: 'string' },
      role: { type: 'string', multiple: true },
      password: { type: 'string' },
    },
  });
  const username = parseOr(Username, values.username, 'username');
  const roles = parseOr(z.array(Role).min(1), values.role, 'role');
  const password = parseOr(Password, values.password ?? io.env.AJO_PASSWORD, 'password');
  const iin = values.iin === undefined ? null : parseOr(Idn, values.iin, 'iin');
  const fullName = parseOr(Line(200), values.name, 'name');
  const core = openCoreFor(dataDirOf(values, io.env));
  try {
    const user = await createUser(core.ctx, { username, fullName, iin, roles, password }, null);
    io.out(JSON.stringify(user));
    return 0;
  } finally {
    await core.close();
  }
}

async function trustAdd(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { 'data-dir': { type: 'string' } }, allowPositionals: true });
  if (positionals.length === 0) throw new UsageError('trust add needs certificate files');
  const ders = positionals.flatMap((file) => parseCertificates(readFileSync(file)));
  const core = openCoreFor(dataDirOf(values, io.env));
  try {
    io.out(JSON.stringify({ added: trustCertificates(core.ctx, ders, null) }));
    return 0;
  } finally {
    await core.close();
  }
}

/** The key password: AJO_KEY_PASSWORD, else asked on the terminal (never a flag: it would stay in the shell's history). */
async function keyPassword(io: CliIo): Promise<string> {
  const password = io.env.AJO_KEY_PASSWORD ?? (await promptSecret('Кілт құпиясөзі / Пароль ключа: '));
  if (!password) throw new UsageError('no key password: set AJO_KEY_PASSWORD or run on a terminal');
  return password;
}

async function keyShow(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('key show needs one key file');
  const file = positionals[0]!;
  if (statSync(file).size > MAX_KEY_FILE_BYTES) throw new AppError('invalid-input', 'file-too-large');
  const keys = inspectKeyFile(readFileSync(file), await keyPassword(io));
  io.out(JSON.stringify({ file, keys }, null, 2));
  return 0;
}

async function sign(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'data-dir': { type: 'string' }, key: { type: 'string' }, out: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1 || !values.key || !values.out) throw new UsageError('sign needs IN.pdf, --key and --out');
  const input = positionals[0]!;
  if (statSync(input).size > MAX_SIGN_BYTES) throw new AppError('invalid-input', 'file-too-large');
  const password = await keyPassword(io);
  const core = openCoreFor(dataDirOf(values, io.env));
  try {
    const signed = await signOutgoingPdf(core.ctx, readFileSync(input), readFileSync(values.key), password);
    writeFileSync(values.out, signed, { flag: 'wx' });
    io.out(JSON.stringify({ signed: values.out, bytes: signed.length }));
    return 0;
  } finally {
    await core.close();
  }
}

async function crlAdd(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { 'data-dir': { type: 'string' } }, allowPositionals: true });
  if (positionals.length === 0) throw new UsageError('crl add needs CRL files');
  const files = positionals.map((file) => readFileSync(file));
  const core = openCoreFor(dataDirOf(values, io.env));
  try {
    for (const bytes of files) io.out(JSON.stringify(importCrl(core.ctx, bytes, null)));
    return 0;
  } finally {
    await core.close();
  }
}

/**
 * A signed PDF or CMS file judged against the desk's trust store (in its data folder), or against CA
 * certificates given with --trust. With neither there is nothing to judge the signer's chain by: the
 * report says whether the signature is intact, but never "valid".
 */
async function verify(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { 'data-dir': { type: 'string' }, data: { type: 'string' }, trust: { type: 'string', multiple: true } }, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('verify needs one file');
  const bytes = readFileSync(positionals[0]!);
  const data = values.data ? readFileSync(values.data) : null;
  let file: SignedFile;
  try {
    file = readSignedFile(bytes);
  } catch (error) {
    if (!(error instanceof CmsFileError)) throw error;
    io.out(JSON.stringify({ path: positionals[0], valid: false, error: error.problem }));
    return 2;
  }
  const dataDir = dataDirOf(values, io.env);
  let report: DocumentReport;
  let trustStore: number | null = null;
  if (values.trust?.length) {
    const trusted = values.trust.flatMap((path) => parseCertificates(readFileSync(path)));
    trustStore = trusted.length;
    report = file.format === 'cms' ? verifyCmsFile(file.der, data, { trusted }) : verifyPdf(bytes, { trusted });
  } else if (existsSync(databasePath(dataDir))) {
    const core = openCoreFor(dataDir);
    try {
      report = await verifyDocument(core.ctx, bytes, data);
      trustStore = trustedDers(core.ctx).length;
    } finally {
      await core.close();
    }
  } else {
    const intact = file.format === 'cms' ? verifyCmsFile(file.der, data, null) : verifyPdf(bytes, null);
    io.out(JSON.stringify({ path: positionals[0], trustStore, ...intact, valid: false, intact: intact.valid, problem: 'no-trust-store' }, null, 2));
    io.err(`ajo: no trust store at ${dataDir}: the signature was checked for integrity only — give the NCA's CA certificates with --trust CA.pem, or run where the desk's data is (--data-dir)`);
    return 1;
  }
  io.out(JSON.stringify({ path: positionals[0], trustStore, ...report }, null, 2));
  if (report.signatures.length === 0) return 2;
  return report.valid ? 0 : 1;
}

async function dbCheck(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' } } });
  const dataDir = dataDirOf(values, io.env);
  const file = databasePath(dataDir);
  if (!existsSync(file)) throw new UsageError(`no database at ${file}`);
  const db = openDatabase(file, { readonly: true });
  try {
    const problems = integrityCheck(db);
    const version = schemaVersion(db);
    // The store is read only once SQLite itself is sound and the schema is the one this app knows (null: not read).
    const notFetched: string[] = [];
    const store = problems.length === 0 && version === LATEST_VERSION ? await checkStore({ db, blobs: new BlobStore(filesPath(dataDir)) }, notFetched) : null;
    const ok = problems.length === 0 && store !== null && store.length === 0;
    // Documents of other desks' applications this desk has not opened yet: fetched from the registry then, no fault.
    io.out(JSON.stringify({ file, schemaVersion: version, appSchemaVersion: LATEST_VERSION, ok, problems, store, notFetchedYet: notFetched.length }));
    return ok ? 0 : 1;
  } finally {
    db.close();
  }
}

/**
 * The chain from the database alone, then against the head the registry last anchored (when the desk is
 * enrolled and the registry answers): a whole chain rewritten after its head was anchored is caught there.
 */
async function auditVerify(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' } } });
  const dataDir = dataDirOf(values, io.env);
  const file = databasePath(dataDir);
  if (!existsSync(file)) throw new UsageError(`no database at ${file}`);
  const db = openDatabase(file, { readonly: true });
  try {
    const report = verifyAudit(db);
    const anchored = await checkAuditAnchor(db, openEnrolmentReadOnly(db, dataDir));
    const ok = report.ok && anchored.state !== 'rewritten';
    io.out(JSON.stringify({ file, ...report, ok, anchored }, null, 2));
    return ok ? 0 : 1;
  } finally {
    db.close();
  }
}

async function enroll(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' }, registry: { type: 'string' }, code: { type: 'string' }, 'desk-name': { type: 'string' } } });
  if (!values.registry || !values.code) throw new UsageError('enroll needs --registry and --code');
  const registryUrl = parseOr(z.url({ protocol: /^https$/ }), values.registry, 'registry');
  const core = openCoreFor(dataDirOf(values, io.env));
  try {
    const enrolment = await enrolDesk(core.ctx, { registryUrl, code: values.code.trim().toUpperCase(), deskName: values['desk-name'] ?? hostname() });
    io.out(JSON.stringify({ enrolled: true, clientId: enrolment.clientId, authorityBin: enrolment.authorityBin, officeCode: enrolment.officeCode }));
    return 0;
  } finally {
    await core.close();
  }
}

async function syncCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' }, 'lease-size': { type: 'string' } } });
  const leaseSize = values['lease-size'] ? parseOr(z.coerce.number().int().min(1).max(10_000), values['lease-size'], 'lease-size') : DEFAULT_LEASE_SIZE;
  const core = openCoreFor(dataDirOf(values, io.env));
  try {
    const enrolment = openEnrolment(core.ctx);
    if (!enrolment) throw new UsageError('this desk is not enrolled with a registry: run ajo enroll first');
    const diverged = syncStatus(core.ctx).diverged;
    if (diverged) {
      io.err(`ajo: this desk has diverged from the registry (${diverged.detail ?? 'a mutation id it had used for another command'}): it sends nothing until enrolled again — ajo enroll --registry ${enrolment.registryUrl} --code NEW-CODE`);
      return 1;
    }
    const transport = registryTransport(enrolment.registryUrl, enrolment);
    try {
      // A large backlog tells how far it has got, on stderr (stdout keeps the one JSON report).
      let shown = 0;
      const report = await syncRound(core.ctx, transport, enrolment, {
        leaseSize,
        onProgress: ({ phase, done, total }) => {
          if (done === total || done - shown >= 100) {
            shown = done;
            io.err(`${phase === 'upload' ? 'files' : 'commands'} ${done}/${total}`);
          }
        },
      });
      io.out(JSON.stringify(report));
      return report.waiting === 0 ? 0 : 1;
    } catch (error) {
      if (error instanceof RegistryRefused && error.code === 'desk-diverged') {
        io.err(`ajo: the registry says this desk has diverged (${error.detail ?? ''}): it sends nothing until enrolled again — ajo enroll --registry ${enrolment.registryUrl} --code NEW-CODE`);
        return 1;
      }
      if (!(error instanceof RegistryUnreachable)) throw error;
      io.out(JSON.stringify({ unreachable: true, message: error.message, ...syncStatus(core.ctx) }));
      return 2;
    } finally {
      transport.close();
    }
  } finally {
    await core.close();
  }
}

function syncStatusCommand(args: string[], io: CliIo): number {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } } });
  const file = databasePath(dataDirOf(values, io.env));
  if (!existsSync(file)) throw new UsageError(`no database at ${file}`);
  const db = openDatabase(file, { readonly: true });
  try {
    const status = syncStatus({ db, now: () => new Date() });
    io.out(values.json ? JSON.stringify(status) : `${status.enrolled ? status.registryUrl : 'not enrolled'}: ${status.waiting} waiting, ${status.accepted} accepted, ${status.rejected} rejected; last sync ${status.lastSyncAt ?? 'never'}`);
    return 0;
  } finally {
    db.close();
  }
}
