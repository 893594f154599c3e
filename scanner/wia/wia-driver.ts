import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ScannerError, type DeviceCapabilities, type ScanDevice, type ScannerDriver, type ScanOutcome, type ScanSettings, type ScanSource } from '../drivers/driver';
import { parseWiaOutput, problemOf, WiaOutputError, type WiaLine } from './wia-output';
import { capabilitiesScript, listDevicesScript, powershellArgs, scanScript } from './wia-script';

/**
 * Windows scanners through WIA, driven by a PowerShell subprocess (see wia-script.ts): no native module
 * to build, and a driver that hangs or crashes takes only the subprocess with it.
 */
export interface WiaOptions {
  /** `powershell.exe` on Windows; the driver lists nothing elsewhere unless a command is given. */
  command?: string;
  platform?: NodeJS.Platform;
  /** A page that takes longer than this means the scanner stopped answering. */
  pageTimeoutMs?: number;
}

const PNG_END = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
const COMMON_RESOLUTIONS = [75, 100, 150, 200, 240, 300, 400, 600, 1200];

export class WiaDriver implements ScannerDriver {
  readonly kind = 'wia' as const;
  private readonly command: string | null;
  private readonly pageTimeoutMs: number;

  constructor(options: WiaOptions = {}) {
    const platform = options.platform ?? process.platform;
    this.command = options.command ?? (platform === 'win32' ? 'powershell.exe' : null);
    this.pageTimeoutMs = options.pageTimeoutMs ?? 120_000;
  }

  private run(script: string, onLine: (line: WiaLine) => void = () => undefined): Promise<WiaLine[]> {
    const command = this.command;
    if (!command) return Promise.reject(new ScannerError('driver-missing', 'WIA is Windows only'));
    return new Promise((resolve, reject) => {
      const child = spawn(command, powershellArgs(script), { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
      let stdout = '';
      let pending = '';
      let idle: NodeJS.Timeout;
      const watchdog = () => {
        clearTimeout(idle);
        idle = setTimeout(() => child.kill(), this.pageTimeoutMs);
      };
      watchdog();
      child.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(idle);
        reject(error.code === 'ENOENT' ? new ScannerError('driver-missing', command) : error);
      });
      child.stdout.on('data', (chunk: Buffer) => {
        watchdog();
        stdout += chunk.toString('utf8');
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const line of lines) {
          try {
            parseWiaOutput(line).forEach(onLine);
          } catch {
            // judged once the whole output is in
          }
        }
      });
      child.stderr.resume();
      child.on('close', (_code, signal) => {
        clearTimeout(idle);
        if (signal) return reject(new ScannerError('device-gone', 'WIA subprocess stopped answering'));
        try {
          resolve(parseWiaOutput(stdout));
        } catch (error) {
          reject(error instanceof WiaOutputError ? new ScannerError('failed', error.message) : error);
        }
      });
    });
  }

  private deviceName(deviceId: string): string {
    if (!deviceId.startsWith('wia:')) throw new ScannerError('unknown-device', deviceId);
    return deviceId.slice('wia:'.length);
  }

  async listDevices(): Promise<ScanDevice[]> {
    if (!this.command) return [];
    const lines = await this.run(listDevicesScript());
    return lines.flatMap((line) => ('id' in line ? [{ id: `wia:${line.id}`, driver: 'wia' as const, name: line.name || line.id }] : []));
  }

  async capabilities(deviceId: string): Promise<DeviceCapabilities> {
    const lines = await this.run(capabilitiesScript(this.deviceName(deviceId)));
    const error = reportedError(lines);
    if (error !== null) throw new ScannerError(problemOf(error, 0) ?? 'failed');
    const caps = lines.find((l): l is Extract<WiaLine, { handling: number }> => 'handling' in l);
    if (!caps) throw new ScannerError('failed', 'no capabilities');
    const sources: ScanSource[] = [];
    if (caps.handling & 0x2) sources.push('flatbed');
    if (caps.handling & 0x1) sources.push('feeder');
    if (caps.handling & 0x1 && caps.handling & 0x4) sources.push('feeder-duplex');
    const offered = Array.isArray(caps.resolutions) ? caps.resolutions : [caps.resolutions];
    // A range (every dpi from 50 to 1200) is offered as the usual steps inside it.
    const resolutions = offered.length > 12 ? COMMON_RESOLUTIONS.filter((r) => offered.includes(r)) : [...new Set(offered)].sort((a, b) => a - b);
    return { sources: sources.length ? sources : ['flatbed'], modes: ['color', 'gray', 'lineart'], resolutions };
  }

  async scan(deviceId: string, settings: ScanSettings, onPage?: (count: number) => void): Promise<ScanOutcome> {
    const name = this.deviceName(deviceId);
    const caps = await this.capabilities(deviceId);
    if (!caps.sources.includes(settings.source) || !caps.resolutions.includes(settings.resolution)) throw new ScannerError('unsupported-setting', JSON.stringify(settings));
    const dir = mkdtempSync(join(tmpdir(), 'ajo-wia-'));
    try {
      const lines = await this.run(scanScript({ deviceId: name, ...settings, outDir: dir }), (line) => {
        if ('file' in line) onPage?.(line.page);
      });
      // Only files the script announced, by name inside the scan's own folder, and only whole PNGs.
      const pages = lines
        .flatMap((line) => ('file' in line && /^page-\d{4}\.png$/.test(basename(line.file.replace(/\\/g, '/'))) ? [basename(line.file.replace(/\\/g, '/'))] : []))
        .map((file) => readFileSync(join(dir, file)))
        .filter((png) => png.length > PNG_END.length && png.subarray(png.length - PNG_END.length).equals(PNG_END))
        .map((png) => ({ png, resolution: settings.resolution }));
      const error = reportedError(lines);
      return { pages, problem: error === null ? null : problemOf(error, pages.length) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** The error the script reported, if any; an unknown device is a wrong call, not a problem with a batch. */
function reportedError(lines: WiaLine[]): number | null {
  const line = lines.find((l): l is Extract<WiaLine, { error: unknown }> => 'error' in l);
  if (!line) return null;
  if (line.error === 'unknown-device') throw new ScannerError('unknown-device');
  return line.error;
}
