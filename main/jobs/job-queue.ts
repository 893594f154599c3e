import type { z } from 'zod';
import type { Db } from '../../db/db';
import { countJobs, deleteJob, dueJobs, hasJob, insertJob, jobExists, nextDue, retryJobLater, type JobRow } from '../../db/repositories/jobs';

/**
 * Background work that survives a restart, in the spirit of Signal Desktop's JobQueue: a job is added in
 * the caller's own transaction (it exists exactly when the action that asked for it committed), its data
 * is checked against the queue's schema when added and again when loaded (a row from an older version or
 * a damaged file is dropped, not run), a failed attempt is retried later with exponential backoff up to a
 * limit, and stopping lets running jobs finish (or leaves them to the next start) rather than cutting
 * them off. Written here rather than taken from a library: the job rows must live in the office's one
 * SQLite file, inside its transactions, which no job library for Node does.
 */
export interface JobSpec<T> {
  /** The queue's name, stored with each job; one JobQueue per name in a process (two would race for its rows). */
  queue: string;
  data: z.ZodType<T>;
  /** Does the work; resolves when it is done (the job is then removed), throws to be tried again. */
  run(data: T, job: RunningJob): Promise<void>;
  maxAttempts: number;
  /** How many run at once. */
  concurrency?: number;
  /** The wait before attempt n + 1 after n failures (ms); by default 1 s doubling, at most 10 min. */
  backoffMs?: (failures: number) => number;
  /** The last attempt failed: record what the user should see (the job is then removed). */
  giveUp?(data: T, error: unknown): void;
  /** A job that failed, or one whose stored data no longer fits the schema (dropped). */
  onError?(error: unknown, detail: { queue: string; jobId: string; attempt: number }): void;
}

export interface RunningJob {
  id: string;
  /** 1 for the first attempt. */
  attempt: number;
  /**
   * Removes the job now, inside the caller's transaction: for work that must happen exactly once (a scan
   * into the tray), the job ends in the same transaction as its effect, so a crash between the two never
   * runs it again.
   */
  complete(): void;
}

const defaultBackoff = (failures: number) => Math.min(1000 * 2 ** (failures - 1), 10 * 60_000);

export class JobQueue<T> {
  private readonly running = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private stopping = false;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly db: Db,
    private readonly spec: JobSpec<T>,
    /** Real time for waits (not the office's clock, which tests may hold still). */
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Adds a job; call it inside the transaction of the action that asks for it. With a key, a job
   * already waiting under that key is kept and this one not added (false).
   */
  add(data: T, options: { key?: string } = {}): boolean {
    const checked = this.spec.data.parse(data);
    const id = insertJob(this.db, { queue: this.spec.queue, key: options.key ?? null, data: JSON.stringify(checked), runAfter: 0, createdAt: new Date(this.clock()).toISOString() });
    // After the caller's transaction: by then the row is there (or, rolled back, it never was).
    if (id) setImmediate(() => this.pump());
    return id !== null;
  }

  has(key: string): boolean {
    return hasJob(this.db, this.spec.queue, key);
  }

  /** Starts running waiting jobs (those left by the last run first). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.pump();
  }

  /** Resolves once the queue is empty: every job done, or given up. */
  async idle(): Promise<void> {
    this.pump();
    while (this.running.size > 0 || (this.started && !this.stopping && countJobs(this.db, this.spec.queue) > 0)) {
      await new Promise<void>((resolve) => this.waiters.add(resolve));
    }
  }

  /** Takes no new job and waits for those running; what is left waits for the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.running.values()]);
    this.started = false;
    this.wake();
  }

  private pump(): void {
    if (!this.started || this.stopping || !this.db.open) return;
    // One at a time, so that a row dropped as invalid leaves its slot to the next.
    while (this.running.size < (this.spec.concurrency ?? 1)) {
      const [row] = dueJobs(this.db, this.spec.queue, this.clock(), 1, new Set(this.running.keys()));
      if (!row) break;
      this.launch(row);
    }
    this.schedule();
    this.wake();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = nextDue(this.db, this.spec.queue, new Set(this.running.keys()));
    if (next === null) return;
    const wait = next - this.clock();
    // A job already due while every slot is busy: the next job to finish pumps again.
    if (wait <= 0 && this.running.size >= (this.spec.concurrency ?? 1)) return;
    // Not unref'd: a job waiting to be retried is work, and stop() clears the timer. (A job that fell due
    // between the look for due jobs and this one is taken at the next turn rather than left waiting.)
    this.timer = setTimeout(() => this.pump(), Math.max(0, wait));
  }

  private launch(row: JobRow): void {
    const parsed = this.spec.data.safeParse(safeJson(row.data));
    if (!parsed.success) {
      deleteJob(this.db, row.id);
      this.spec.onError?.(new Error(`job data does not fit ${this.spec.queue}: ${parsed.error.message}`), { queue: this.spec.queue, jobId: row.id, attempt: row.attempts + 1 });
      return;
    }
    const attempt = row.attempts + 1;
    const job: RunningJob = { id: row.id, attempt, complete: () => deleteJob(this.db, row.id) };
    const work = this.spec
      .run(parsed.data, job)
      .then(
        () => {
          if (this.db.open) deleteJob(this.db, row.id);
        },
        (error: unknown) => this.failed(row, parsed.data, attempt, error),
      )
      .finally(() => {
        this.running.delete(row.id);
        this.pump();
        this.wake();
      });
    this.running.set(row.id, work);
  }

  private failed(row: JobRow, data: T, attempt: number, error: unknown): void {
    // Cut off by the app stopping: not the job's fault, and not an attempt; it runs again next start.
    if (this.stopping || !this.db.open) return;
    // It ended itself (complete()) before failing: its effect is recorded, there is nothing to retry.
    if (!jobExists(this.db, row.id)) return;
    this.spec.onError?.(error, { queue: this.spec.queue, jobId: row.id, attempt });
    if (attempt >= this.spec.maxAttempts) {
      this.db.transaction(() => {
        this.spec.giveUp?.(data, error);
        deleteJob(this.db, row.id);
      })();
      return;
    }
    const wait = (this.spec.backoffMs ?? defaultBackoff)(attempt);
    retryJobLater(this.db, row.id, attempt, this.clock() + wait, error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500));
  }

  private wake(): void {
    for (const resolve of this.waiters) resolve();
    this.waiters.clear();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
