import { DIVERGED, openEnrolment } from './enrol';
import { getSyncValue } from '../../db/repositories/registry-link';
import type { CoreContext } from '../context';
import { syncRound, type SyncContext, type SyncOptions } from './round';
import { registryTransport, RegistryRefused, RegistryUnreachable } from './transport';

/**
 * Sync by itself (once started): a round every interval while the desk is enrolled, backing off
 * (doubling, up to ten minutes) while the registry cannot be reached; `now()` runs a round at once,
 * started or not. Rounds never overlap, and stop() waits for the one under way.
 */
export class SyncLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private failures = 0;
  private stopped = false;
  /** How far the round under way has got; null between rounds. */
  progress: { phase: 'upload' | 'push'; done: number; total: number } | null = null;

  constructor(
    private readonly ctx: SyncContext & Pick<CoreContext, 'secrets'>,
    private readonly options: SyncOptions & { everyMs: number | null; onError?: (error: unknown) => void },
  ) {}

  start(): void {
    if (this.options.everyMs) this.schedule(0);
  }

  /** A round now (the administrator's "sync now"); resolves when it is over. */
  now(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    return this.round();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number) {
    if (this.stopped || !this.options.everyMs) return;
    this.timer = setTimeout(() => void this.round(), delayMs);
    this.timer.unref();
  }

  private round(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      const enrolment = openEnrolment(this.ctx);
      // A desk the registry found diverged (or restored from a backup) waits for its administrator to enrol it again.
      if (!enrolment || getSyncValue(this.ctx.db, DIVERGED)) return;
      const transport = registryTransport(enrolment.registryUrl, enrolment);
      try {
        await syncRound(this.ctx, transport, enrolment, {
          ...this.options,
          onProgress: ({ phase, done, total }) => {
            this.progress = { phase, done, total };
          },
        });
        this.failures = 0;
      } catch (error) {
        this.failures++;
        if (!(error instanceof RegistryUnreachable || error instanceof RegistryRefused)) this.options.onError?.(error);
      } finally {
        transport.close();
        this.progress = null;
      }
    })().finally(() => {
      this.running = null;
      const every = this.options.everyMs ?? 0;
      const backoff = this.failures === 0 ? every : Math.min(600_000, every * 2 ** Math.min(this.failures, 10));
      this.schedule(backoff);
    });
    return this.running;
  }
}
