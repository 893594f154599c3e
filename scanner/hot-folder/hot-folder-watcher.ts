import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, realpath, rename, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

/**
 * A folder an office copier scans into ("scan to folder"). A file is handed on only once it has stopped
 * changing — same size and modification time for `stableMs` — because copiers write a multi-page PDF
 * for a while, often over SMB. A file taken is then moved into `.ajo-taken`, so the folder shows what
 * is still waiting and nothing is handed on twice; a file turned away stays where it is (or goes into
 * `.ajo-rejected` where the administrator chose so).
 *
 * The watcher touches only what arrived after the folder was chosen: the files there before are left
 * alone while they stay as they were. It never follows a link: neither a link inside the folder, nor
 * the folder itself once it has been replaced by a link to somewhere else.
 *
 * Polling, not fs.watch: on network shares (where copiers write) change notifications are missing or
 * unreliable, and a poll every couple of seconds costs one readdir.
 */
export const TAKEN_FOLDER = '.ajo-taken';
export const REJECTED_FOLDER = '.ajo-rejected';

export type HotFolderState = 'watching' | 'missing' | 'not-a-folder';

export interface SettledFile {
  name: string;
  bytes: Buffer;
}

/** What the owner made of a file: taken in, or turned away (it is then left, or kept aside; never deleted). */
export type Verdict = 'taken' | 'rejected';

export interface HotFolderOptions {
  /** The folder's real path (links resolved when it was chosen). */
  path: string;
  onFile: (file: SettledFile) => Promise<Verdict>;
  /** The files there when the folder was chosen (name → fingerprint): never handed on while unchanged. */
  existing?: ReadonlyMap<string, string>;
  /** Whether a file turned away is moved into `.ajo-rejected` rather than left where it is. */
  moveRejected?: () => boolean;
  stableMs?: number;
  intervalMs?: number;
  now?: () => number;
}

/** Size and modification time: a file that keeps both has not changed. */
export const fingerprintOf = (info: { size: number; mtimeMs: number }) => `${info.size}:${info.mtimeMs}`;

/** Files that operating systems, editors and browsers leave behind, and half-written downloads. */
export function isJunkFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    name.startsWith('.') ||
    name.startsWith('~$') ||
    lower === 'thumbs.db' ||
    lower === 'desktop.ini' ||
    lower === 'ehthumbs.db' ||
    ['.tmp', '.part', '.crdownload', '.partial', '.lnk'].includes(extname(lower))
  );
}

interface Seen {
  size: number;
  mtimeMs: number;
  since: number;
}

export class HotFolderWatcher {
  private readonly seen = new Map<string, Seen>();
  /** Files handed on and left in place (turned away, or a read-only share): not handed on again while they stay the same. */
  private readonly stuck = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private currentState: HotFolderState = 'watching';
  private readonly stableMs: number;
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(private readonly options: HotFolderOptions) {
    this.stableMs = options.stableMs ?? 3000;
    this.intervalMs = options.intervalMs ?? 2000;
    this.now = options.now ?? Date.now;
  }

  get path(): string {
    return this.options.path;
  }

  get state(): HotFolderState {
    return this.currentState;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref();
    void this.poll();
  }

  /** Stops polling and waits for a file being handed on, so nothing is cut off half-way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One look at the folder; overlapping calls share the pass under way. */
  poll(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<void> {
    let names: string[];
    try {
      const folder = await stat(this.path);
      if (!folder.isDirectory()) return this.lost('not-a-folder');
      // Replaced by a link (or under a moved parent): what it points at now was never chosen.
      if ((await realpath(this.path)) !== this.path) return this.lost('not-a-folder');
      names = await readdir(this.path);
    } catch {
      // Deleted, or a network share gone: keep looking, it may come back.
      return this.lost('missing');
    }
    this.currentState = 'watching';
    const present = new Set(names);
    for (const name of [...this.seen.keys()]) if (!present.has(name)) this.seen.delete(name);
    for (const name of [...this.stuck.keys()]) if (!present.has(name)) this.stuck.delete(name);
    for (const name of names.filter((n) => !isJunkFileName(n)).sort()) await this.consider(name);
  }

  private lost(state: HotFolderState): void {
    this.currentState = state;
    this.seen.clear();
  }

  private async consider(name: string): Promise<void> {
    const file = join(this.path, name);
    let info;
    try {
      info = await lstat(file);
    } catch {
      return; // gone between readdir and lstat
    }
    // Links are never followed, and a file with other names elsewhere is not ours to take.
    if (!info.isFile() || info.nlink > 1) return;
    const fingerprint = fingerprintOf(info);
    if (this.options.existing?.get(name) === fingerprint) return;
    if (this.stuck.get(name) === fingerprint) return;
    const previous = this.seen.get(name);
    if (!previous || previous.size !== info.size || previous.mtimeMs !== info.mtimeMs) {
      this.seen.set(name, { size: info.size, mtimeMs: info.mtimeMs, since: this.now() });
      return;
    }
    if (this.now() - previous.since < this.stableMs) return;

    const bytes = await readWithoutFollowing(file, info);
    // Locked by the copier still (Windows shares), or changed while being read: wait for it to settle again.
    if (!bytes) return void this.seen.delete(name);
    let verdict: Verdict;
    try {
      verdict = await this.options.onFile({ name, bytes });
    } catch {
      // The owner could not decide (its storage failed): the file stays and is tried again once settled.
      return void this.seen.delete(name);
    } finally {
      this.seen.delete(name);
    }
    const moved = verdict === 'taken' ? await this.moveAside(name, TAKEN_FOLDER) : this.options.moveRejected?.() ? await this.moveAside(name, REJECTED_FOLDER) : false;
    // Left in place (turned away, or a read-only share): not handed on again while it stays the same.
    if (!moved) this.stuck.set(name, fingerprint);
  }

  private async moveAside(name: string, folder: string): Promise<boolean> {
    try {
      const target = join(this.path, folder);
      await mkdir(target, { recursive: true });
      // The copier reuses names (scan0001.pdf every morning): keep each one under a time prefix.
      const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-');
      await rename(join(this.path, name), join(target, `${stamp} ${name}`));
      return true;
    } catch {
      return false;
    }
  }
}

/** The file's bytes, read through a handle that refuses links; null when it is not the file looked at. */
async function readWithoutFollowing(file: string, looked: { size: number; ino: number; dev: number }): Promise<Buffer | null> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    const info = await handle.stat();
    // Some file systems (network shares on Windows) give no inode numbers: then size must do.
    if (!info.isFile() || (looked.ino && info.ino !== looked.ino) || info.dev !== looked.dev || info.size !== looked.size) return null;
    const bytes = await handle.readFile();
    return bytes.length === looked.size ? bytes : null;
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}
