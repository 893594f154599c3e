import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Catalogue } from '../domain/catalogue/catalogue';
import { AppError } from '../domain/api/errors';
import { BlobStore } from '../db/blob-store';
import { openDatabase, type Db } from '../db/open';
import { getAuthority } from '../db/repositories/authority';
import type { UserRecord } from '../db/repositories/users';
import { SessionStore } from './auth/sessions';
import { createUser, hasUsers, login, loginWithKey, toUserView, users } from './auth/service';
import { initialize } from './services/setup';
import { loadCalendar, loadCatalogue } from './catalogue/load';
import type { CoreContext } from './context';
import { gatewayClient, type StateDatabases } from './gateway/state-databases';
import { createRouter, type Caller, type Dispatch, type Handlers } from './router';
import { attachDocument, documentContent, removeDocument, searchDocuments, setPaperPresented } from './services/documents';
import { DocumentOcr, type Recogniser } from './services/ocr';
import { OcrPool } from '../scanner/ocr/ocr-pool';
import { decisionPdf, issueLicence, refuseLicence } from './services/decisions';
import { createDraft, lookupApplicant, lookupPowerOfAttorney } from './services/intake';
import { detailOf, journal, loadApplication } from './services/application-view';
import { verifyIntakeForm } from './services/intake-form';
import { assignExecutor, discardDraft, register, returnToExecutor, setChecklist, submitForDecision } from './services/workflow';
import { verifyDocument } from './services/verification';
import { inspectKeyFile } from './services/keys';
import { setNetworkSettings, setStaleRule } from './services/pki-settings';
import { importCrl, trustOverview } from './services/revocation';
import { parseCertificates, trustCertificates } from './services/trust';
import { SaneDriver, type SaneOptions } from '../scanner/sane/sane-driver';
import { EsclDriver, type EsclOptions } from '../scanner/escl/escl-driver';
import { EsclDiscovery } from '../scanner/escl/discovery';
import { WiaDriver } from '../scanner/wia/wia-driver';
import { HotFolders, type HotFolderTiming } from './services/hot-folders';
import { addNetworkScanner, knownNetworkScanners, removeNetworkScanner } from './services/network-scanners';
import { arrangeTray, attachFromTray, cancelImport, blankTrayPages, editTrayPage, importIntoTray, scanCapabilities, scanDevices, scanIntoTray, scanProgress, trayOf, trayPageImage, type Scanners } from './services/capture';

export interface CoreOptions {
  dataDir: string;
  gatewayUrl: string;
  gateway?: StateDatabases;
  catalogue?: Catalogue;
  now?: () => Date;
  idleSessionMs?: number;
  validateResults?: boolean;
  onInternalError?: (error: unknown, channel: string) => void;
  /** SANE's scanimage as run here (tests give it a private configuration). */
  sane?: SaneOptions;
  /** Timing of the eSCL client (tests shorten the waits). */
  escl?: Omit<EsclOptions, 'devices'>;
  /** Look for network scanners over mDNS; on in the app, off in tests and one-shot commands. */
  discoverScanners?: boolean;
  /** Hot folders: how long a file must stay unchanged, how often to look; `poll: false` leaves looking to the caller (tests). */
  hotFolders?: HotFolderTiming & { poll?: boolean };
  /** What reads page images; by default a pool of tesseract.js workers, one per core. */
  recogniser?: Recogniser;
  /** Take up OCR left unfinished by the last run and watch hot folders; off for one-shot commands. */
  resumeBackgroundWork?: boolean;
}

export interface Core {
  ctx: CoreContext;
  dispatch: Dispatch;
  /** Looks into every hot folder now rather than at the next tick. */
  checkHotFolders(): Promise<void>;
  /** Stops background OCR (its workers are threads of this process) and closes the database. */
  close(): Promise<void>;
}

export function databasePath(dataDir: string): string {
  return join(dataDir, 'ajo.sqlite');
}

/** Where stored files (documents, signed decisions, scans) live, beside the database. */
export function filesPath(dataDir: string): string {
  return join(dataDir, 'files');
}

export function openStorage(dataDir: string): { db: Db; blobs: BlobStore } {
  mkdirSync(dataDir, { recursive: true });
  return { db: openDatabase(databasePath(dataDir)), blobs: new BlobStore(filesPath(dataDir)) };
}

function signedIn(caller: Caller | null): UserRecord {
  // The router has already authenticated every call that is not public.
  if (!caller) throw new AppError('unauthenticated');
  return caller.user;
}

export function createCore(options: CoreOptions): Core {
  const { db, blobs } = openStorage(options.dataDir);
  const now = options.now ?? (() => new Date());
  const ocr = new DocumentOcr({ db, blobs, now }, options.recogniser ?? new OcrPool());
  const ctx: CoreContext = {
    db,
    blobs,
    catalogue: options.catalogue ?? loadCatalogue(),
    calendar: loadCalendar(),
    gateway: options.gateway ?? gatewayClient(options.gatewayUrl),
    sessions: new SessionStore(options.idleSessionMs ?? 30 * 60_000, () => now().getTime()),
    now,
    ocr,
  };
  if (options.resumeBackgroundWork ?? true) ocr.resume();

  const discovery = options.discoverScanners ? new EsclDiscovery() : null;
  discovery?.start();
  const escl = new EsclDriver({ ...options.escl, devices: () => knownNetworkScanners(ctx, discovery) });
  const scanners: Scanners = { drivers: [new SaneDriver(options.sane), escl, new WiaDriver()], scanning: new Map() };
  const hotFolders = new HotFolders(ctx, { dataDir: options.dataDir, timing: options.hotFolders, poll: options.hotFolders?.poll });
  if (options.resumeBackgroundWork ?? true) hotFolders.start();

  const handlers: Handlers = {
    'setup.status': () => ({ needsSetup: !hasUsers(ctx) }),
    'setup.initialize': (a) => initialize(ctx, a.authority, a.admin),
    'auth.login': (a) => login(ctx, a.username, a.password),
    'auth.loginWithKey': (a) => loginWithKey(ctx, Buffer.from(a.keyFileBase64, 'base64'), a.keyPassword),
    'auth.logout': (_a, c) => {
      ctx.sessions.end(c!.sessionToken);
      return { ok: true as const };
    },
    'auth.me': (_a, c) => toUserView(signedIn(c)),
    'authority.get': () => {
      const authority = getAuthority(db);
      if (!authority) throw new AppError('invalid-state', 'authority-not-configured');
      return authority;
    },
    'catalogue.get': () => ctx.catalogue,
    'applicants.lookup': (a) => lookupApplicant(ctx, a.kind, a.idn),
    'poa.lookup': (a) => lookupPowerOfAttorney(ctx, a.registryNumber),
    'applications.createDraft': (a, c) => createDraft(ctx, a, signedIn(c)),
    'applications.discardDraft': (a, c) => {
      discardDraft(ctx, a.id, signedIn(c));
      return { ok: true as const };
    },
    'applications.get': (a) => detailOf(ctx, a.id),
    'applications.journal': (a, c) => journal(ctx, a, signedIn(c)),
    'applications.register': (a, c) => register(ctx, a.id, a, signedIn(c)),
    'applications.verifyForm': (a) => verifyIntakeForm(ctx, loadApplication(ctx, a.id)),
    'applications.assign': (a, c) => assignExecutor(ctx, a.id, a.executorId, signedIn(c)),
    'applications.submitForDecision': (a, c) => submitForDecision(ctx, a.id, signedIn(c)),
    'applications.returnToExecutor': (a, c) => returnToExecutor(ctx, a.id, a.note, signedIn(c)),
    'documents.attach': (a, c) => attachDocument(ctx, a, signedIn(c)),
    'documents.remove': (a, c) => removeDocument(ctx, a.documentId, signedIn(c)),
    'documents.setPaperPresented': (a, c) => setPaperPresented(ctx, a, signedIn(c)),
    'documents.content': (a) => documentContent(ctx, a.documentId),
    'documents.search': (a, c) => ({ hits: searchDocuments(ctx, a.query, a.limit, signedIn(c)) }),
    'checklist.set': (a, c) => setChecklist(ctx, a, signedIn(c)),
    'keys.inspect': (a) => inspectKeyFile(Buffer.from(a.keyFileBase64, 'base64'), a.keyPassword),
    'decisions.issueLicence': (a, c) => issueLicence(ctx, a, signedIn(c)),
    'decisions.refuse': (a, c) => refuseLicence(ctx, a, signedIn(c)),
    'decisions.pdf': (a) => decisionPdf(ctx, a.decisionId),
    'documents.verifyPdf': (a) => {
      const bytes = Buffer.from(a.contentBase64, 'base64');
      if (!bytes.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new AppError('invalid-input', 'not-a-pdf');
      return verifyDocument(ctx, bytes);
    },
    'scanner.devices': async () => ({ devices: await scanDevices(scanners) }),
    'scanner.capabilities': (a) => scanCapabilities(scanners, a.deviceId),
    'scanner.addNetwork': (a, c) => addNetworkScanner(ctx, escl, signedIn(c), a.address),
    'scanner.removeNetwork': (a, c) => removeNetworkScanner(ctx, signedIn(c), a.deviceId),
    'scanner.scanProgress': (_a, c) => scanProgress(scanners, signedIn(c)),
    'scanner.scan': (a, c) => scanIntoTray(ctx, scanners, signedIn(c), a.deviceId, { source: a.source, mode: a.mode, resolution: a.resolution }),
    'scanner.import': (a, c) => importIntoTray(ctx, scanners, signedIn(c), { fileName: a.fileName, bytes: Buffer.from(a.contentBase64, 'base64') }),
    'scanner.cancel': (_a, c) => cancelImport(scanners, signedIn(c)),
    'scanner.tray': (_a, c) => ({ pages: trayOf(ctx, signedIn(c)) }),
    'scanner.hotFolder': (_a, c) => hotFolders.status(signedIn(c)),
    'scanner.setHotFolder': (a, c) => hotFolders.set(signedIn(c), a.path),
    'scanner.hotFolderPolicy': () => hotFolders.policy(),
    'scanner.setHotFolderPolicy': (a, c) => hotFolders.setPolicy(signedIn(c), a),
    'scanner.pageImage': (a, c) => trayPageImage(ctx, signedIn(c), a.pageId),
    'scanner.editPage': async (a, c) => ({ pages: await editTrayPage(ctx, signedIn(c), a.pageId, a.edit) }),
    'scanner.blankPages': async (_a, c) => ({ pageIds: await blankTrayPages(ctx, signedIn(c)) }),
    'scanner.arrange': (a, c) => ({ pages: arrangeTray(ctx, signedIn(c), a.pageIds) }),
    'scanner.attach': (a, c) => attachFromTray(ctx, signedIn(c), a),
    'trust.list': () => trustOverview(ctx),
    'trust.addCertificates': (a, c) => ({ added: trustCertificates(ctx, parseCertificates(Buffer.from(a.contentBase64, 'base64')), signedIn(c).id) }),
    'trust.importCrl': (a, c) => importCrl(ctx, Buffer.from(a.contentBase64, 'base64'), signedIn(c).id),
    'trust.setStaleRule': (a, c) => {
      setStaleRule(ctx, a.rule, signedIn(c).id);
      return { ok: true as const };
    },
    'trust.setNetwork': (a, c) => {
      setNetworkSettings(ctx, a, signedIn(c).id);
      return { ok: true as const };
    },
    'users.list': () => users(ctx),
    'users.create': (a, c) => createUser(ctx, a, signedIn(c).id),
  };

  const dispatch = createRouter(ctx, handlers, {
    validateResults: options.validateResults ?? false,
    onInternalError: options.onInternalError ?? ((error, channel) => console.error(`[core] ${channel} failed:`, error)),
  });
  return {
    ctx,
    dispatch,
    checkHotFolders: () => hotFolders.pollAll(),
    async close() {
      discovery?.stop();
      await hotFolders.stop();
      await ocr.stop();
      db.close();
    },
  };
}
