import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScannerError, type DeviceCapabilities, type ScanDevice, type ScannerDriver, type ScanOutcome, type ScanSettings } from '../drivers/driver';
import { batchEnd, parseDeviceList, parseOptions } from './parse';

/**
 * SANE through `scanimage` as a subprocess (Linux): devices, their options, flatbed pages and feeder
 * batches. A subprocess rather than a native binding: nothing to build per platform, and a crashing
 * backend cannot take the app down with it.
 */
export interface SaneOptions {
  command?: string;
  /** Extra environment, e.g. SANE_CONFIG_DIR for a private set of backends. */
  env?: Record<string, string>;
  /** A page that takes longer than this means the scanner stopped answering. */
  pageTimeoutMs?: number;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** scanimage said its batch was over, then did not exit and was stopped: the batch's outcome stands. */
  stoppedAfterBatch: boolean;
}

/**
 * How long scanimage may take to exit once it has said "Batch terminated". Some backends (Debian's test
 * backend about one run in a hundred) hang while closing after a finished batch; the pages are all
 * written by then, so the run is ended rather than waited on for the page timeout and reported as a
 * vanished scanner.
 */
const EXIT_AFTER_BATCH_MS = 3000;

const PNG_END = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

export class SaneDriver implements ScannerDriver {
  readonly kind = 'sane' as const;
  private readonly command: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly pageTimeoutMs: number;

  constructor(options: SaneOptions = {}) {
    this.command = options.command ?? 'scanimage';
    this.env = { ...process.env, ...options.env };
    this.pageTimeoutMs = options.pageTimeoutMs ?? 120_000;
  }

  private run(args: string[], onStderrLine?: (line: string) => void): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.command, args, { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let idle: NodeJS.Timeout;
      let batchOver: NodeJS.Timeout | undefined;
      let stoppedAfterBatch = false;
      // Killed, and its pipes let go: a helper process it left behind must not keep the run open.
      const stop = () => {
        child.kill('SIGKILL');
        child.stdout.destroy();
        child.stderr.destroy();
      };
      const watchdog = () => {
        clearTimeout(idle);
        idle = setTimeout(() => stop(), this.pageTimeoutMs);
      };
      watchdog();
      child.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(idle);
        reject(error.code === 'ENOENT' ? new ScannerError('driver-missing', this.command) : error);
      });
      child.stdout.on('data', (chunk: Buffer) => {
        watchdog();
        stdout += chunk.toString();
      });
      let partial = '';
      child.stderr.on('data', (chunk: Buffer) => {
        watchdog();
        const text = chunk.toString();
        stderr += text;
        // Chunks may cut a line in two: hand over whole lines only.
        const lines = (partial + text).split('\n');
        partial = lines.pop() ?? '';
        if (onStderrLine) lines.filter(Boolean).forEach(onStderrLine);
        if (!batchOver && lines.some((line) => line.startsWith('Batch terminated'))) {
          batchOver = setTimeout(() => {
            stoppedAfterBatch = true;
            stop();
          }, EXIT_AFTER_BATCH_MS);
        }
      });
      child.on('close', (code, signal) => {
        clearTimeout(idle);
        clearTimeout(batchOver);
        resolve({ code, signal, stdout, stderr, stoppedAfterBatch });
      });
    });
  }

  async listDevices(): Promise<ScanDevice[]> {
    const result = await this.run(['-f', '%d|%v|%m|%t%n']);
    return parseDeviceList(result.stdout).map((d) => ({ id: `sane:${d.name}`, driver: 'sane' as const, name: `${d.label} — ${d.name}` }));
  }

  private saneName(deviceId: string): string {
    if (!deviceId.startsWith('sane:')) throw new ScannerError('unknown-device', deviceId);
    return deviceId.slice('sane:'.length);
  }

  private async options(deviceId: string) {
    const result = await this.run(['-d', this.saneName(deviceId), '-A']);
    if (result.code !== 0) throw new ScannerError('unknown-device', deviceId);
    return parseOptions(result.stdout);
  }

  async capabilities(deviceId: string): Promise<DeviceCapabilities> {
    const { sources, modes, resolutions } = await this.options(deviceId);
    return { sources, modes, resolutions };
  }

  async scan(deviceId: string, settings: ScanSettings, onPage?: (count: number) => void): Promise<ScanOutcome> {
    const options = await this.options(deviceId);
    const source = options.saneSources[settings.source];
    const mode = options.saneModes[settings.mode];
    if (!mode || !options.resolutions.includes(settings.resolution) || (options.sources.length > 0 && !source && settings.source !== 'flatbed')) {
      throw new ScannerError('unsupported-setting', JSON.stringify(settings));
    }
    const dir = mkdtempSync(join(tmpdir(), 'ajo-scan-'));
    try {
      const args = ['-d', this.saneName(deviceId), '--format=png', `--batch=${join(dir, 'page-%04d.png')}`, '--mode', mode, '--resolution', String(settings.resolution)];
      if (source) args.push('--source', source);
      if (settings.source === 'flatbed') args.push('--batch-count=1');
      let scanned = 0;
      const result = await this.run(args, (line) => {
        if (/^Scanned page \d+\. \(scanner status = 5\)/.test(line)) onPage?.(++scanned);
      });
      // Only whole pages count: a page cut off by an error or a vanished scanner is dropped.
      const pages = readdirSync(dir)
        .filter((f) => /^page-\d+\.png$/.test(f))
        .sort()
        .map((f) => readFileSync(join(dir, f)))
        .filter((png) => png.length > PNG_END.length && png.subarray(png.length - PNG_END.length).equals(PNG_END))
        .map((png) => ({ png, resolution: settings.resolution }));
      const problem = result.stoppedAfterBatch ? batchEnd(result.stderr, pages.length, 0) : result.signal ? 'device-gone' : batchEnd(result.stderr, pages.length, result.code);
      return { pages, problem };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
