import { isAbsolute, relative, resolve } from 'node:path';
import type { BackupStatus } from '../../domain/api/backup';
import { AppError } from '../../domain/api/errors';
import { kazakhstanDate, kazakhstanMidnight } from '../../domain/calendar/working-days';
import { appendEvent } from '../../db/repositories/events';
import { getSetting, setSetting } from '../../db/repositories/settings';
import { inTransaction, type CoreContext } from '../context';
import { BackupError, backupDesk, type BackupProgress } from './backup';

type BackupContext = Pick<CoreContext, 'db' | 'now' | 'secrets'>;

const KEYS = { folder: 'backup.folder', hour: 'backup.hour', passphrase: 'backup.passphrase', last: 'backup.last' } as const;
/** How often the schedule is looked at: the backup is taken within this much of its hour. */
const LOOK_EVERY_MS = 60_000;

/**
 * The desk's backups as the administrator runs them from the admin screen: one now, or every day at an
 * hour into a folder (a USB drive), each recorded with its outcome; progress while one is under way. The
 * scheduled one's passphrase is kept sealed under the desk's key, as its TLS key is.
 */
export class Backups {
  running: BackupProgress | null = null;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<BackupStatus> | null = null;

  constructor(
    private readonly ctx: BackupContext,
    private readonly dataDir: string,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  status(): BackupStatus {
    const folder = getSetting(this.ctx.db, KEYS.folder);
    const hour = getSetting(this.ctx.db, KEYS.hour);
    const last = getSetting(this.ctx.db, KEYS.last);
    return {
      schedule: folder && hour !== null ? { folder, hour: Number(hour) } : null,
      last: last ? (JSON.parse(last) as BackupStatus['last']) : null,
      running: this.running,
    };
  }

  /** A backup now; one at a time (a second waits for nothing: it is refused while the first runs). */
  async run(folder: string, passphrase: string, actorId: string | null): Promise<BackupStatus> {
    if (this.current) throw new AppError('conflict', 'backup-running');
    const target = this.checkedFolder(folder);
    this.current = this.take(target, passphrase, actorId).finally(() => {
      this.current = null;
      this.running = null;
    });
    return this.current;
  }

  setSchedule(schedule: { folder: string; hour: number; passphrase: string } | null, actorId: string): BackupStatus {
    const folder = schedule ? this.checkedFolder(schedule.folder) : null;
    inTransaction(this.ctx, () => {
      setSetting(this.ctx.db, KEYS.folder, folder ?? '');
      setSetting(this.ctx.db, KEYS.hour, schedule ? String(schedule.hour) : '');
      setSetting(this.ctx.db, KEYS.passphrase, schedule ? this.ctx.secrets.seal(schedule.passphrase) : '');
      appendEvent(this.ctx.db, {
        at: this.ctx.now().toISOString(),
        actorId,
        entity: 'authority',
        entityId: 'backup',
        type: 'backup.scheduled',
        payload: { folder, hour: schedule?.hour ?? null },
      });
    });
    return this.status();
  }

  start(everyMs = LOOK_EVERY_MS): void {
    this.timer = setInterval(() => void this.runIfDue().catch(this.onError), everyMs);
    this.timer.unref();
  }

  /** Waits for a backup under way (its snapshot is read from the open database). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.current?.catch(() => undefined);
  }

  /** The scheduled backup, once its hour has come today and none has been taken since (a desk switched off at that hour takes it when it is on). */
  async runIfDue(): Promise<boolean> {
    const { schedule, last } = this.status();
    if (!schedule || this.current) return false;
    const now = this.ctx.now();
    const due = new Date(Date.parse(kazakhstanMidnight(kazakhstanDate(now))) + schedule.hour * 3600_000);
    if (now < due || (last && Date.parse(last.at) >= due.getTime())) return false;
    const sealed = getSetting(this.ctx.db, KEYS.passphrase);
    if (!sealed) return false;
    await this.run(schedule.folder, this.ctx.secrets.open(sealed), null);
    return true;
  }

  /** An absolute folder outside the desk's data (a backup inside what it backs up protects nothing). */
  private checkedFolder(folder: string): string {
    if (!isAbsolute(folder)) throw new AppError('invalid-input', 'backup-folder-not-absolute');
    const target = resolve(folder);
    const inside = relative(resolve(this.dataDir), target);
    if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) throw new AppError('invalid-input', 'backup-folder-inside-data');
    return target;
  }

  private async take(folder: string, passphrase: string, actorId: string | null): Promise<BackupStatus> {
    const at = this.ctx.now().toISOString();
    let outcome: NonNullable<BackupStatus['last']>;
    try {
      const report = await backupDesk({ ...this.ctx, dataDir: this.dataDir }, folder, passphrase, (progress) => {
        this.running = progress;
      });
      outcome = { at, folder, ok: true, files: report.files, newFiles: report.newFiles, problem: null };
    } catch (error) {
      if (!(error instanceof BackupError) && !isFileSystemError(error)) throw error;
      outcome = { at, folder, ok: false, files: 0, newFiles: 0, problem: error instanceof BackupError ? error.code : `folder-${(error as NodeJS.ErrnoException).code}` };
    }
    this.running = null;
    inTransaction(this.ctx, () => {
      setSetting(this.ctx.db, KEYS.last, JSON.stringify(outcome));
      appendEvent(this.ctx.db, {
        at,
        actorId,
        entity: 'authority',
        entityId: 'backup',
        type: 'backup.taken',
        payload: { folder, files: outcome.files, newFiles: outcome.newFiles, scheduled: actorId === null },
      });
    });
    if (!outcome.ok && outcome.problem === 'passphrase-wrong') throw new AppError('invalid-input', 'backup-passphrase-wrong');
    return this.status();
  }
}

/** The folder not there, not writable, the drive full or pulled out: the backup failed, and says why. */
function isFileSystemError(error: unknown): boolean {
  return typeof (error as NodeJS.ErrnoException | null)?.code === 'string' && /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code!);
}
