import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { HotFolderPolicy, HotFolderStatus } from '../../domain/api/contract';
import { AppError } from '../../domain/api/errors';
import { getSetting, setSetting } from '../../db/repositories/crls';
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
import { addToTray } from './capture';

export interface HotFolderTiming {
  stableMs?: number;
  intervalMs?: number;
}

const POLICY_KEYS = { roots: 'hot-folders.roots', rejected: 'hot-folders.rejected' } as const;

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

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: { dataDir: string; timing?: HotFolderTiming; poll?: boolean; machine?: Machine },
  ) {
    this.machine = options.machine ?? thisMachine();
  }

  /** Watches every folder saved by active clerks, where the administrator still allows it. */
  start(): void {
    for (const folder of hotFolders(this.ctx.db)) {
      const owner = findUserById(this.ctx.db, folder.userId);
      if (owner && !owner.disabled && owner.roles.includes('clerk') && this.allowed(folder.path)) this.watch(folder);
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.watchers.values()].map((w) => w.stop()));
    this.watchers.clear();
  }

  /** One look at every folder now, rather than at the next tick (tests; a "check now" button). */
  async pollAll(): Promise<void> {
    await Promise.all([...this.watchers.values()].map((w) => w.poll()));
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
      appendEvent(this.ctx.db, { at: this.ctx.now().toISOString(), actorId: admin.id, entity: 'authority', entityId: 'hot-folders', type: 'settings.changed', payload: { roots, rejected: requested.rejected } });
    });
    await this.stop();
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

  private async take(userId: string, file: SettledFile): Promise<Verdict> {
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const seen = (outcome: HotFolderFile['outcome'], problem: string | null, pages = 0): HotFolderFile => ({
      fileName: file.name,
      sha256,
      outcome,
      problem,
      pages,
      seenAt: this.ctx.now().toISOString(),
    });
    const owner = findUserById(this.ctx.db, userId);
    if (!owner || owner.disabled || !owner.roles.includes('clerk')) return this.turnAway(userId, seen('refused', 'hot-folder-owner-inactive'));
    if (takenBefore(this.ctx.db, userId, sha256)) return this.turnAway(userId, seen('duplicate', 'hot-folder-duplicate'));
    try {
      const pages = await openPages(file.bytes);
      await addToTray(this.ctx, owner, `folder:${file.name}`, pages.pages(), { source: 'hot-folder', fileName: file.name, sha256 }, {
        alsoRecord: () => recordHotFolderFile(this.ctx.db, userId, seen('taken', null, pages.count)),
      });
    } catch (error) {
      if (error instanceof ImportError) return this.turnAway(userId, seen('refused', `file-${error.problem}`));
      throw error;
    }
    return 'taken';
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
