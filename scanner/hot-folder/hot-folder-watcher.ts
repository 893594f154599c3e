import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

/**
 * A folder an office copier scans into ("scan to folder"). A file is handed on only once it has stopped
 * changing — same size and modification time for `stableMs` — because copiers write a multi-page PDF
 * for a while, often over SMB. Afterwards it is moved aside into `.ajo-taken` or `.ajo-rejected`, so the
 * folder shows what is still waiting and nothing is handed on twice.
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

/** What the owner made of a file: taken in, or turned away (it is then kept aside, not deleted). */
export type Verdict = 'taken' | 'rejected';

export interface HotFolderOptions {
  path: string;
  onFile: (file: SettledFile) => Promise<Verdict>;
  stableMs?: number;
  intervalMs?: number;
  now?: () => number;
}

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
  /** Files handed on but not movable (read-only share): not handed on again while they stay the same. */
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
      info = await stat(file);
    } catch {
      return; // gone between readdir and stat
    }
    if (!info.isFile()) return;
    const fingerprint = `${info.size}:${info.mtimeMs}`;
    if (this.stuck.get(name) === fingerprint) return;
    const previous = this.seen.get(name);
    if (!previous || previous.size !== info.size || previous.mtimeMs !== info.mtimeMs) {
      this.seen.set(name, { size: info.size, mtimeMs: info.mtimeMs, since: this.now() });
      return;
    }
    if (this.now() - previous.since < this.stableMs) return;

    let bytes;
    try {
      bytes = await readFile(file);
    } catch {
      return; // locked by the copier still (Windows shares): next time
    }
    // Changed while being read: wait for it to settle again.
    if (bytes.length !== info.size) return void this.seen.delete(name);
    let verdict: Verdict;
    try {
      verdict = await this.options.onFile({ name, bytes });
    } catch {
      // The owner could not decide (its storage failed): the file stays and is tried again once settled.
      return void this.seen.delete(name);
    } finally {
      this.seen.delete(name);
    }
    if (!(await this.moveAside(name, verdict === 'taken' ? TAKEN_FOLDER : REJECTED_FOLDER))) this.stuck.set(name, fingerprint);
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
