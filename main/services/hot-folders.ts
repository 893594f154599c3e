import { createHash } from 'node:crypto';
import { constants, existsSync, readdirSync, rmSync } from 'node:fs';
import { access, mkdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import type { HotFolderPolicy, HotFolderStatus } from '../../domain/api/contract';
import { AppError } from '../../domain/api/errors';
import { getSetting, setSetting } from '../../db/repositories/settings';
import { appendEvent } from '../../db/repositories/events';
import {
  hotFolderOf,
  hotFolders,
  recentHotFolderFiles,
  recordHotFolderFile,
  setHotFolder,
  takenBefore,
  turnedAwayBefore,
  type HotFolder,
  type HotFolderFile,
} from '../../db/repositories/scan-sources';
import { findUserById, type UserRecord } from '../../db/repositories/users';
import { folderContents, folderProblem, isUnderAllowedRoot, thisMachine, type Machine } from '../../scanner/hot-folder/folder-rules';
import { HotFolderWatcher, type SettledFile, type Verdict } from '../../scanner/hot-folder/hot-folder-watcher';
import { ImportError } from '../../scanner/import-file';
import { openPages } from '../../scanner/import-pages';
import { inTransaction, type CoreContext } from '../context';
import { JobQueue, type JobSpec, type RunningJob } from '../jobs/job-queue';
import { addToTray } from './capture';

export interface HotFolderTiming {
  stableMs?: number;
  intervalMs?: number;
}

const POLICY_KEYS = { roots: 'hot-folders.roots', rejected: 'hot-folders.rejected' } as const;

/** A file taken from a folder, waiting in the spool (the data folder's copy) for its pages to reach the owner's tray. */
const IntakeJob = z.object({
  userId: z.string().min(1),
  fileName: z.string().min(1).max(255),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  seenAt: z.string(),
});
type IntakeJob = z.infer<typeof IntakeJob>;
const spoolName = (job: Pick<IntakeJob, 'userId' | 'sha256'>) => `${job.userId}.${job.sha256}`;

/** Inside `outer`, or `outer` itself. */
const within = (outer: string, inner: string, machine: Machine) => isUnderAllowedRoot(inner, [outer], machine);

/**
 * Each clerk's scan-to-folder, watched while the app runs (also while the clerk is logged out: the
 * copier does not wait). Files land in the owner's tray; a file already taken (same SHA-256) and a file
 * that is not a scan are turned away with the reason recorded, and left where they are (or moved aside,
 * if the administrator chose so), never deleted. Only folders inside the roots the administrator allowed
 * are watched; a root withdrawn stops the folders inside it.
 */
export class HotFolders {
  private readonly watchers = new Map<string, HotFolderWatcher>();
  private readonly machine: Machine;
  /**
   * Files taken from the folders, on their way into the trays: a file is copied into the spool and its
   * job added before it is moved aside, so a scan is never lost between the folder and the tray.
   */
  private readonly intake: JobQueue<IntakeJob>;
  private readonly spool: string;
  private intakeStarted = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: { dataDir: string; timing?: HotFolderTiming; poll?: boolean; machine?: Machine; onError?: JobSpec<unknown>['onError'] },
  ) {
    this.machine = options.machine ?? thisMachine();
    this.spool = join(options.dataDir, 'spool', 'hot-folders');
    this.intake = new JobQueue(ctx.db, {
      queue: 'hot-folder-intake',
      data: IntakeJob,
      run: (job, running) => this.intoTray(job, running),
      maxAttempts: 3,
      giveUp: (job) => {
        recordHotFolderFile(this.ctx.db, job.userId, { fileName: job.fileName, sha256: job.sha256, outcome: 'refused', problem: 'hot-folder-intake-failed', pages: 0, seenAt: job.seenAt });
        rmSync(join(this.spool, spoolName(job)), { force: true });
      },
      onError: options.onError,
    });
  }

  /** Watches every folder saved by active clerks, where the administrator still allows it, and takes up files left in the spool. */
  start(): void {
    if (!this.intakeStarted) {
      this.sweepSpool();
      this.intakeStarted = true;
    }
    for (const folder of hotFolders(this.ctx.db)) {
      const owner = findUserById(this.ctx.db, folder.userId);
      if (owner && !owner.disabled && owner.roles.includes('clerk') && this.allowed(folder.path)) this.watch(folder);
    }
    this.intake.start();
  }

  async stop(): Promise<void> {
    await this.stopWatching();
    await this.intake.stop();
  }

  /** One look at every folder now, rather than at the next tick (tests; a "check now" button); resolves once what it took is in the trays. */
  async pollAll(): Promise<void> {
    await Promise.all([...this.watchers.values()].map((w) => w.poll()));
    await this.intake.idle();
  }

  private async stopWatching(): Promise<void> {
    await Promise.all([...this.watchers.values()].map((w) => w.stop()));
    this.watchers.clear();
  }

  policy(): HotFolderPolicy {
    const roots = JSON.parse(getSetting(this.ctx.db, POLICY_KEYS.roots) ?? '[]') as string[];
    return { roots, rejected: getSetting(this.ctx.db, POLICY_KEYS.rejected) === 'move' ? 'move' : 'leave' };
  }

  /** The administrator's roots (each checked like a folder) and what becomes of files turned away. */
  async setPolicy(admin: UserRecord, requested: HotFolderPolicy): Promise<HotFolderPolicy> {
    const roots: string[] = [];
    for (const root of requested.roots) {
      const path = await this.realFolder(root);
      const problem = folderProblem(path, this.machine);
      if (problem) throw new AppError('invalid-input', problem, { path });
      await this.refuseAppData(path);
      if (!roots.includes(path)) roots.push(path);
    }
    inTransaction(this.ctx, () => {
      setSetting(this.ctx.db, POLICY_KEYS.roots, JSON.stringify(roots));
      setSetting(this.ctx.db, POLICY_KEYS.rejected, requested.rejected);
      appendEvent(this.ctx.db, { at: this.ctx.now().toISOString(), actorId: admin.id, entity: 'authority', entityId: 'hot-folders', type: 'settings.scan-folders', payload: { roots, rejected: requested.rejected } });
    });
    await this.stopWatching();
    this.start();
    return this.policy();
  }

  status(user: Pick<UserRecord, 'id'>): HotFolderStatus {
    const folder = hotFolderOf(this.ctx.db, user.id);
    const recent = recentHotFolderFiles(this.ctx.db, user.id).map(({ fileName, outcome, problem, pages, seenAt }) => ({ fileName, outcome, problem, pages, seenAt }));
    const state = folder === null ? 'off' : !this.allowed(folder.path) ? 'not-allowed' : (this.watchers.get(user.id)?.state ?? 'missing');
    return { path: folder?.path ?? null, state, allowedRoots: this.policy().roots, leftAlone: folder?.existing.size ?? 0, recent };
  }

  async set(user: UserRecord, requested: string | null): Promise<HotFolderStatus> {
    const folder = requested === null ? null : await this.checkedFolder(user, requested);
    inTransaction(this.ctx, () => {
      const at = this.ctx.now().toISOString();
      setHotFolder(this.ctx.db, user.id, folder, at);
      appendEvent(this.ctx.db, { at, actorId: user.id, entity: 'user', entityId: user.id, type: 'hot-folder.set', payload: { path: folder?.path ?? null, leftAlone: folder?.existing.size ?? 0 } });
    });
    await this.watchers.get(user.id)?.stop();
    this.watchers.delete(user.id);
    if (folder !== null) await this.watch({ userId: user.id, ...folder }).poll();
    return this.status(user);
  }

  private allowed(path: string): boolean {
    return isUnderAllowedRoot(path, this.policy().roots, this.machine) && folderProblem(path, this.machine) === null;
  }

  /** An existing folder the app may read and write, by its real path (links resolved). */
  private async realFolder(requested: string): Promise<string> {
    if (!isAbsolute(requested)) throw new AppError('invalid-input', 'hot-folder-not-absolute');
    try {
      const path = await realpath(requested);
      if (!(await stat(path)).isDirectory()) throw new AppError('invalid-input', 'hot-folder-not-a-folder');
      // Files are moved aside once taken, so the folder must be writable as well as readable.
      await access(path, constants.R_OK | constants.W_OK);
      return path;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('invalid-input', (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'hot-folder-missing' : 'hot-folder-not-writable');
    }
  }

  /** The app's own files are never taken in (or moved about). */
  private async refuseAppData(path: string): Promise<void> {
    const dataDir = await realpath(this.options.dataDir).catch(() => this.options.dataDir);
    if (within(dataDir, path, this.machine) || within(path, dataDir, this.machine)) throw new AppError('invalid-input', 'hot-folder-app-data');
  }

  private async checkedFolder(user: UserRecord, requested: string): Promise<Pick<HotFolder, 'path' | 'existing'>> {
    const path = await this.realFolder(requested);
    const problem = folderProblem(path, this.machine);
    if (problem) throw new AppError('invalid-input', problem);
    if (!isUnderAllowedRoot(path, this.policy().roots, this.machine)) throw new AppError('invalid-input', 'hot-folder-not-allowed');
    await this.refuseAppData(path);
    const other = hotFolders(this.ctx.db).find((f) => f.userId !== user.id && (within(f.path, path, this.machine) || within(path, f.path, this.machine)));
    // Two clerks on one folder would race for each file and split a batch between their trays.
    if (other) throw new AppError('conflict', 'hot-folder-in-use');
    const contents = await folderContents(path);
    if (contents.foreign !== null) throw new AppError('invalid-input', 'hot-folder-holds-other-files', { file: contents.foreign });
    return { path, existing: contents.existing };
  }

  private watch(folder: HotFolder | (Pick<HotFolder, 'path' | 'existing'> & { userId: string })): HotFolderWatcher {
    const watcher = new HotFolderWatcher({
      path: folder.path,
      existing: folder.existing,
      moveRejected: () => this.policy().rejected === 'move',
      ...this.options.timing,
      onFile: (file) => this.take(folder.userId, file),
    });
    this.watchers.set(folder.userId, watcher);
    if (this.options.poll ?? true) watcher.start();
    return watcher;
  }

  /**
   * A settled file: turned away (a duplicate, not a scan, its owner gone), or copied into the spool with
   * its intake job — then the watcher moves it aside, and the job brings its pages into the tray.
   */
  private async take(userId: string, file: SettledFile): Promise<Verdict> {
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const seenAt = this.ctx.now().toISOString();
    const seen = (outcome: HotFolderFile['outcome'], problem: string | null): HotFolderFile => ({ fileName: file.name, sha256, outcome, problem, pages: 0, seenAt });
    const owner = findUserById(this.ctx.db, userId);
    if (!owner || owner.disabled || !owner.roles.includes('clerk')) return this.turnAway(userId, seen('refused', 'hot-folder-owner-inactive'));
    if (takenBefore(this.ctx.db, userId, sha256) || this.intake.has(spoolName({ userId, sha256 }))) return this.turnAway(userId, seen('duplicate', 'hot-folder-duplicate'));
    try {
      await openPages(file.bytes);
    } catch (error) {
      if (error instanceof ImportError) return this.turnAway(userId, seen('refused', `file-${error.problem}`));
      throw error;
    }
    const job: IntakeJob = { userId, fileName: file.name, sha256, seenAt };
    await mkdir(this.spool, { recursive: true });
    const spooled = join(this.spool, spoolName(job));
    await writeFile(`${spooled}.part`, file.bytes);
    await rename(`${spooled}.part`, spooled);
    this.intake.add(job, { key: spoolName(job) });
    return 'taken';
  }

  /** The intake job: the spooled file's pages into its owner's tray, recorded and the job ended in one transaction. */
  private async intoTray(job: IntakeJob, running: RunningJob): Promise<void> {
    const spooled = join(this.spool, spoolName(job));
    const bytes = await readFile(spooled).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    const owner = findUserById(this.ctx.db, job.userId);
    const taken = (outcome: HotFolderFile['outcome'], problem: string | null, pages = 0): HotFolderFile => ({ fileName: job.fileName, sha256: job.sha256, outcome, problem, pages, seenAt: job.seenAt });
    if (!bytes || createHash('sha256').update(bytes).digest('hex') !== job.sha256) {
      // Gone or changed in the spool: no attempt will bring it back; the clerk is asked to drop the file in again.
      this.turnAway(job.userId, taken('refused', 'hot-folder-intake-failed'));
    } else if (!owner || owner.disabled || !owner.roles.includes('clerk')) {
      this.turnAway(job.userId, taken('refused', 'hot-folder-owner-inactive'));
    } else {
      try {
        const pages = await openPages(bytes);
        await addToTray(this.ctx, owner, `folder:${job.fileName}`, pages.pages(), { source: 'hot-folder', fileName: job.fileName, sha256: job.sha256 }, {
          alsoRecord: () => {
            recordHotFolderFile(this.ctx.db, job.userId, taken('taken', null, pages.count));
            running.complete();
          },
        });
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        this.turnAway(job.userId, taken('refused', `file-${error.problem}`));
      }
    }
    await rm(spooled, { force: true });
  }

  /** Spooled copies no job will take (the app stopped between the copy and its job): removed before anything is taken. */
  private sweepSpool(): void {
    const names = existsSync(this.spool) ? readdirSync(this.spool) : [];
    for (const name of names) if (name.endsWith('.part') || !this.intake.has(name)) rmSync(join(this.spool, name), { force: true });
  }

  /** Recorded with the reason, once: a file left in place and seen again after a restart is not recorded twice. */
  private turnAway(userId: string, record: HotFolderFile): Verdict {
    if (turnedAwayBefore(this.ctx.db, userId, record)) return 'rejected';
    inTransaction(this.ctx, () => {
      recordHotFolderFile(this.ctx.db, userId, record);
      appendEvent(this.ctx.db, {
        at: record.seenAt,
        actorId: userId,
        entity: 'user',
        entityId: userId,
        type: 'hot-folder.refused',
        payload: { fileName: record.fileName, sha256: record.sha256, problem: record.problem },
      });
    });
    return 'rejected';
  }
}
