import type { Catalogue } from '../domain/catalogue/catalogue';
import { SessionStore } from './auth/sessions';
import { loadCalendar, loadCatalogue } from './catalogue/load';
import { withReceivedReference } from './catalogue/reference';
import { auditHandlers } from './api/audit';
import { reportHandlers } from './api/reports';
import { dashboardHandlers } from './api/dashboard';
import { recountOpenSteps } from './services/steps';
import type { CoreContext } from './context';
import { gatewayClient, type StateDatabases } from './gateway/state-databases';
import { createRouter, type Dispatch, type Handlers } from './api/router';
import { authHandlers } from './api/auth';
import { adminHandlers } from './api/admin';
import { applicationHandlers } from './api/applications';
import { documentHandlers } from './api/documents';
import { captureHandlers } from './api/capture';
import { decisionHandlers } from './api/decisions';
import { pkiHandlers } from './api/pki';
import { syncHandlers } from './api/sync';
import { DocumentOcr, type Recogniser } from './services/ocr';
import { IdentityChecks } from './services/identity-checks';
import { OcrPool } from '../scanner/ocr/ocr-pool';
import { SaneDriver, type SaneOptions } from '../scanner/sane/sane-driver';
import { EsclDriver, type EsclOptions } from '../scanner/escl/escl-driver';
import { EsclDiscovery } from '../scanner/escl/discovery';
import { WiaDriver } from '../scanner/wia/wia-driver';
import { HotFolders, type HotFolderTiming } from './services/hot-folders';
import { knownNetworkScanners } from './services/network-scanners';
import type { Scanners } from './services/capture';
import { openStorage } from './storage';
import { Backups } from './services/backups';
import { backupHandlers } from './api/backup';
import type { KeyProtection } from '../pki/sealing';
import { sealEnrolmentKey } from './sync/enrol';
import { SyncLoop } from './sync/loop';
import { DEFAULT_LEASE_SIZE } from '../domain/sync/licence-numbers';

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
  /** Sync with the registry by itself, a round this often, when the desk is enrolled (the app; tests run rounds themselves). */
  syncEveryMs?: number;
  /** The OS keystore that wraps the desk's sealing key (Electron's safeStorage); without it, a 0600 key file. */
  keyProtection?: KeyProtection;
}

export interface Core {
  ctx: CoreContext;
  dispatch: Dispatch;
  /** Looks into every hot folder now rather than at the next tick. */
  checkHotFolders(): Promise<void>;
  /** Stops background OCR (its workers are threads of this process) and closes the database. */
  close(): Promise<void>;
}

/** Wiring only: storage, context, devices and background work, and each area's handlers behind the one router. */
export function createCore(options: CoreOptions): Core {
  const { db, blobs, secrets } = openStorage(options.dataDir, options.keyProtection);
  const now = options.now ?? (() => new Date());
  const onInternalError = options.onInternalError ?? ((error: unknown, where: string) => console.error(`[core] ${where} failed:`, error));
  const onJobError = (error: unknown, job: { queue: string; attempt: number }) => onInternalError(error, `job ${job.queue} (attempt ${job.attempt})`);
  const ocr = new DocumentOcr({ db, blobs, now }, options.recogniser ?? new OcrPool(), { onError: onJobError });
  const gateway = options.gateway ?? gatewayClient(options.gatewayUrl);
  const identity = new IdentityChecks({ db, gateway, now }, { onError: onJobError });
  const ctx: CoreContext = {
    db,
    blobs,
    ...withReceivedReference(db, { catalogue: options.catalogue ?? loadCatalogue(), calendar: loadCalendar() }),
    gateway,
    sessions: new SessionStore(options.idleSessionMs ?? 30 * 60_000, () => now().getTime()),
    now,
    ocr,
    identity,
    secrets,
  };
  sealEnrolmentKey(ctx);
  // Deadlines by today's calendar and hours (a new version may ship a corrected year), and steps for applications from before steps were kept.
  db.transaction(() => recountOpenSteps(ctx))();
  if (options.resumeBackgroundWork ?? true) {
    ocr.resume();
    identity.start();
  }

  const discovery = options.discoverScanners ? new EsclDiscovery() : null;
  discovery?.start();
  const escl = new EsclDriver({ ...options.escl, devices: () => knownNetworkScanners(ctx, discovery) });
  const scanners: Scanners = { drivers: [new SaneDriver(options.sane), escl, new WiaDriver()], scanning: new Map() };
  const hotFolders = new HotFolders(ctx, { dataDir: options.dataDir, timing: options.hotFolders, poll: options.hotFolders?.poll, onError: onJobError });
  if (options.resumeBackgroundWork ?? true) hotFolders.start();
  const backups = new Backups(ctx, options.dataDir, (error) => onInternalError(error, 'backup'));
  if (options.resumeBackgroundWork ?? true) backups.start();
  const sync = new SyncLoop(ctx, { everyMs: options.syncEveryMs ?? null, leaseSize: DEFAULT_LEASE_SIZE, onError: (error) => onInternalError(error, 'sync') });
  sync.start();

  const handlers: Handlers = {
    ...authHandlers(ctx),
    ...adminHandlers(ctx),
    ...applicationHandlers(ctx),
    ...documentHandlers(ctx),
    ...captureHandlers(ctx, { scanners, escl, hotFolders }),
    ...decisionHandlers(ctx),
    ...pkiHandlers(ctx),
    ...syncHandlers(ctx, sync),
    ...auditHandlers(ctx),
    ...reportHandlers(ctx),
    ...dashboardHandlers(ctx),
    ...backupHandlers(backups),
  };

  const dispatch = createRouter(ctx, handlers, {
    validateResults: options.validateResults ?? false,
    onInternalError,
  });
  return {
    ctx,
    dispatch,
    checkHotFolders: () => hotFolders.pollAll(),
    async close() {
      discovery?.stop();
      await sync.stop();
      await backups.stop();
      await hotFolders.stop();
      await ocr.stop();
      await identity.stop();
      db.close();
    },
  };
}
