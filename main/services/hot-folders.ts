import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { HotFolderStatus } from '../../domain/api/contract';
import { AppError } from '../../domain/api/errors';
import { appendEvent } from '../../db/repositories/events';
import { hotFolderOf, hotFolders, recentHotFolderFiles, recordHotFolderFile, setHotFolder, takenBefore, type HotFolderFile } from '../../db/repositories/scan-sources';
import { findUserById, type UserRecord } from '../../db/repositories/users';
import { HotFolderWatcher, type SettledFile, type Verdict } from '../../scanner/hot-folder/hot-folder-watcher';
import { ImportError } from '../../scanner/import-file';
import { openPages } from '../../scanner/import-pages';
import { inTransaction, type CoreContext } from '../context';
import { addToTray } from './capture';

export interface HotFolderTiming {
  stableMs?: number;
  intervalMs?: number;
}

/**
 * Each clerk's scan-to-folder, watched while the app runs (also while the clerk is logged out: the
 * copier does not wait). Files land in the owner's tray; a file already taken (same SHA-256) and a file
 * that is not a scan are turned away with the reason recorded, and moved aside rather than deleted.
 */
export class HotFolders {
  private readonly watchers = new Map<string, HotFolderWatcher>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: { dataDir: string; timing?: HotFolderTiming; poll?: boolean },
  ) {}

  /** Watches every folder saved by active clerks. */
  start(): void {
    for (const { userId, path } of hotFolders(this.ctx.db)) {
      const owner = findUserById(this.ctx.db, userId);
      if (owner && !owner.disabled && owner.roles.includes('clerk')) this.watch(userId, path);
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

  status(user: Pick<UserRecord, 'id'>): HotFolderStatus {
    const path = hotFolderOf(this.ctx.db, user.id);
    const recent = recentHotFolderFiles(this.ctx.db, user.id).map(({ fileName, outcome, problem, pages, seenAt }) => ({ fileName, outcome, problem, pages, seenAt }));
    return { path, state: path === null ? 'off' : (this.watchers.get(user.id)?.state ?? 'missing'), recent };
  }

  async set(user: UserRecord, requested: string | null): Promise<HotFolderStatus> {
    const path = requested === null ? null : await this.checkedFolder(user, requested);
    inTransaction(this.ctx, () => {
      const at = this.ctx.now().toISOString();
      setHotFolder(this.ctx.db, user.id, path, at);
      appendEvent(this.ctx.db, { at, actorId: user.id, entity: 'user', entityId: user.id, type: 'hot-folder.set', payload: { path } });
    });
    await this.watchers.get(user.id)?.stop();
    this.watchers.delete(user.id);
    if (path !== null) await this.watch(user.id, path).poll();
    return this.status(user);
  }

  private async checkedFolder(user: UserRecord, requested: string): Promise<string> {
    if (!isAbsolute(requested)) throw new AppError('invalid-input', 'hot-folder-not-absolute');
    let path: string;
    try {
      path = await realpath(requested);
      if (!(await stat(path)).isDirectory()) throw new AppError('invalid-input', 'hot-folder-not-a-folder');
      // Files are moved aside once taken, so the folder must be writable as well as readable.
      await access(path, constants.R_OK | constants.W_OK);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('invalid-input', (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'hot-folder-missing' : 'hot-folder-not-writable');
    }
    const dataDir = await realpath(this.options.dataDir).catch(() => resolve(this.options.dataDir));
    const inside = (outer: string, inner: string) => !relative(outer, inner).startsWith('..') && !isAbsolute(relative(outer, inner));
    // The app's own files are never taken in (or moved about).
    if (inside(dataDir, path) || inside(path, dataDir)) throw new AppError('invalid-input', 'hot-folder-app-data');
    const other = hotFolders(this.ctx.db).find((f) => f.userId !== user.id && (inside(f.path, path) || inside(path, f.path)));
    // Two clerks on one folder would race for each file and split a batch between their trays.
    if (other) throw new AppError('conflict', 'hot-folder-in-use');
    return path;
  }

  private watch(userId: string, path: string): HotFolderWatcher {
    const watcher = new HotFolderWatcher({ path, ...this.options.timing, onFile: (file) => this.take(userId, file) });
    this.watchers.set(userId, watcher);
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

  private turnAway(userId: string, record: HotFolderFile): Verdict {
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
