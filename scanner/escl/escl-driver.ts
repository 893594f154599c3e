import { setTimeout as sleep } from 'node:timers/promises';
import { ImportError } from '../import-file';
import { importedPages } from '../import-pages';
import sharp from 'sharp';
import {
  ScannerError,
  type ColourMode,
  type DeviceCapabilities,
  type ScanDevice,
  type ScannedPage,
  type ScannerDriver,
  type ScanOutcome,
  type ScanProblem,
  type ScanSettings,
  type ScanSource,
} from '../drivers/driver';
import { EsclFormatError, parseCapabilities, parseStatus, scanSettingsXml, type EsclCapabilities, type EsclInputCaps, type EsclJobSettings } from './escl-xml';

/**
 * Network MFPs over eSCL (AirScan), on any OS: plain HTTP to the device, no driver to install. Every
 * job starts with a look at the device's status (busy, feeder empty or jammed, cover open), asks only
 * for what the device says it can do (resolution snapped, area clamped), and falls back from
 * black-and-white to grey — thresholded here — when a device refuses it. Pages arrive one
 * NextDocument at a time; "not ready yet" (503) is retried, and a device that stops answering ends the
 * batch with the pages already received kept.
 */
export interface EsclDeviceEntry {
  /** The eSCL root, e.g. http://192.168.1.20/eSCL. */
  url: string;
  name: string;
}

export interface EsclOptions {
  /** The devices known now: added by hand, and found on the network. */
  devices: () => EsclDeviceEntry[];
  retryDelayMs?: number;
  /** How many times a busy device is asked again before the scan gives up. */
  busyRetries?: number;
  /** How many 503s one page may answer before the device is taken as stuck. */
  notReadyRetries?: number;
  requestTimeoutMs?: number;
}

/** An A4 page in eSCL's units (1/300 inch): the area asked for, clamped to what the device takes. */
const A4 = { width: 2480, height: 3508 };
const ESCL_MODE: Record<ColourMode, EsclJobSettings['mode']> = { lineart: 'BlackAndWhite1', gray: 'Grayscale8', color: 'RGB24' };
/** Lossless first: text is read by OCR afterwards, and the tray makes the compact copy itself. */
const FORMAT_PREFERENCE = ['image/png', 'image/tiff', 'image/jpeg', 'application/pdf'];

/** Accepts what an administrator types: an address, a host:port, or a full URL; gives the eSCL root. */
export function normaliseEsclUrl(input: string): string | null {
  const trimmed = input.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash || !url.hostname) return null;
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path === '' ? '/eSCL' : path}`;
}

/** The supported resolution nearest the one asked for; between two, the higher (finer) one. */
export function snapResolution(wanted: number, supported: number[]): number {
  let best = supported[0] ?? wanted;
  for (const r of supported) {
    const d = Math.abs(r - wanted);
    const bestD = Math.abs(best - wanted);
    if (d < bestD || (d === bestD && r > best)) best = r;
  }
  return best;
}

class DeviceGone extends Error {}

/** One channel for grey and black-and-white, whatever the device sent (JPEGs of grey scans are often RGB). */
async function asAsked(png: Buffer, mode: EsclJobSettings['mode'], thresholdHere: boolean): Promise<Buffer> {
  if (mode === 'RGB24') return png;
  let image = sharp(png).toColourspace('b-w');
  if (thresholdHere) image = image.threshold(128);
  return image.png().toBuffer();
}

export class EsclDriver implements ScannerDriver {
  readonly kind = 'escl' as const;
  private readonly retryDelayMs: number;
  private readonly busyRetries: number;
  private readonly notReadyRetries: number;
  private readonly requestTimeoutMs: number;

  constructor(private readonly options: EsclOptions) {
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.busyRetries = options.busyRetries ?? 10;
    this.notReadyRetries = options.notReadyRetries ?? 60;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 120_000;
  }

  async listDevices(): Promise<ScanDevice[]> {
    return this.options.devices().map((d) => ({ id: `escl:${d.url}`, driver: 'escl' as const, name: d.name }));
  }

  /** Only devices the clerk can see are ever contacted: the id is not a way to make the app fetch any URL. */
  private urlOf(deviceId: string): string {
    const url = deviceId.startsWith('escl:') ? deviceId.slice('escl:'.length) : '';
    if (!this.options.devices().some((d) => d.url === url)) throw new ScannerError('unknown-device', deviceId);
    return url;
  }

  private async request(url: string, init: RequestInit = {}): Promise<Response> {
    try {
      return await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(this.requestTimeoutMs) });
    } catch {
      // Refused, reset, unreachable or timed out: to the clerk all the same — the scanner is not there.
      throw new DeviceGone();
    }
  }

  /** A request whose answer is only its status and headers. */
  private async exchange(url: string, init: RequestInit = {}): Promise<Pick<Response, 'status' | 'ok' | 'headers'>> {
    const response = await this.request(url, init);
    await release(response);
    return response;
  }

  private async document<T>(url: string, parse: (xml: string) => T): Promise<T> {
    const response = await this.request(url);
    if (!response.ok) {
      await release(response);
      throw new ScannerError('failed', `${url} ${response.status}`);
    }
    try {
      return parse(await response.text());
    } catch (error) {
      if (error instanceof EsclFormatError) throw new ScannerError('failed', error.message);
      throw error;
    }
  }

  /** What the device at this URL is; used to check an address typed by hand before it is saved. */
  async probe(url: string): Promise<EsclCapabilities> {
    try {
      return await this.document(`${url}/ScannerCapabilities`, parseCapabilities);
    } catch (error) {
      if (error instanceof DeviceGone) throw new ScannerError('device-gone', url);
      throw error;
    }
  }

  async capabilities(deviceId: string): Promise<DeviceCapabilities> {
    const caps = await this.probe(this.urlOf(deviceId));
    const inputs = [caps.platen, caps.adfSimplex, caps.adfDuplex].filter((c): c is EsclInputCaps => c !== null);
    const sources: ScanSource[] = [];
    if (caps.platen) sources.push('flatbed');
    if (caps.adfSimplex) sources.push('feeder');
    if (caps.adfDuplex) sources.push('feeder-duplex');
    // A device that cannot do black-and-white still offers it: it is made from grey here.
    const modes = new Set<ColourMode>(inputs.flatMap((c) => c.modes));
    if (modes.has('gray')) modes.add('lineart');
    return {
      sources,
      modes: (['color', 'gray', 'lineart'] as const).filter((m) => modes.has(m)),
      resolutions: [...new Set(inputs.flatMap((c) => c.resolutions))].sort((a, b) => a - b),
    };
  }

  private inputFor(caps: EsclCapabilities, source: ScanSource): EsclInputCaps {
    const input = source === 'flatbed' ? caps.platen : source === 'feeder' ? caps.adfSimplex : caps.adfDuplex;
    if (!input) throw new ScannerError('unsupported-setting', source);
    return input;
  }

  /** Waits out a busy device; a feeder that cannot feed stops the scan before it starts. */
  private async readyProblem(url: string, source: ScanSource): Promise<ScanProblem | null> {
    for (let attempt = 0; ; attempt++) {
      const status = await this.document(`${url}/ScannerStatus`, parseStatus);
      if (status.state === 'Stopped' || status.state === 'Down') return 'failed';
      if (source !== 'flatbed') {
        if (status.adf === 'jammed') return 'jammed';
        if (status.adf === 'open') return 'cover-open';
        if (status.adf === 'empty') return 'no-documents';
      }
      if (status.state === 'Idle') return null;
      if (attempt >= this.busyRetries) return 'device-busy';
      await sleep(this.retryDelayMs);
    }
  }

  /** What went wrong, as the device's status tells it after a refusal. */
  private async problemNow(url: string, source: ScanSource): Promise<ScanProblem> {
    try {
      const status = await this.document(`${url}/ScannerStatus`, parseStatus);
      if (source !== 'flatbed' && status.adf === 'jammed') return 'jammed';
      if (source !== 'flatbed' && status.adf === 'open') return 'cover-open';
      if (source !== 'flatbed' && status.adf === 'empty') return 'no-documents';
      return status.state === 'Processing' ? 'device-busy' : 'failed';
    } catch (error) {
      if (error instanceof DeviceGone) return 'device-gone';
      throw error;
    }
  }

  private async createJob(url: string, settings: EsclJobSettings): Promise<Pick<Response, 'status' | 'headers'>> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.exchange(`${url}/ScanJobs`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: scanSettingsXml(settings) });
      if (response.status !== 503 || attempt >= this.busyRetries) return response;
      await sleep(this.retryDelayMs);
    }
  }

  async scan(deviceId: string, settings: ScanSettings, onPage?: (count: number) => void): Promise<ScanOutcome> {
    const url = this.urlOf(deviceId);
    const pages: ScannedPage[] = [];
    try {
      const caps = await this.document(`${url}/ScannerCapabilities`, parseCapabilities);
      const input = this.inputFor(caps, settings.source);
      const wantsLineart = settings.mode === 'lineart';
      if (!input.modes.includes(settings.mode) && !(wantsLineart && input.modes.includes('gray'))) throw new ScannerError('unsupported-setting', settings.mode);
      const format = FORMAT_PREFERENCE.find((f) => input.formats.includes(f)) ?? 'image/jpeg';
      const job: EsclJobSettings = {
        source: settings.source === 'flatbed' ? 'Platen' : 'Feeder',
        duplex: settings.source === 'feeder-duplex',
        mode: input.modes.includes(settings.mode) ? ESCL_MODE[settings.mode] : 'Grayscale8',
        resolution: snapResolution(settings.resolution, input.resolutions),
        format,
        width: Math.max(input.minWidth, Math.min(A4.width, input.maxWidth)),
        height: Math.max(input.minHeight, Math.min(A4.height, input.maxHeight)),
      };

      const notReady = await this.readyProblem(url, settings.source);
      if (notReady) return { pages, problem: notReady };
      let response = await this.createJob(url, job);
      if (response.status === 409 && job.mode === 'BlackAndWhite1') {
        // Many devices list black-and-white but refuse it for some formats or sources: grey it is.
        job.mode = 'Grayscale8';
        response = await this.createJob(url, job);
      }
      const location = response.headers.get('location');
      if (response.status !== 201 || !location) return { pages, problem: await this.problemNow(url, settings.source) };
      const jobUrl = new URL(location, url).href;
      if (new URL(jobUrl).origin !== new URL(url).origin) throw new ScannerError('failed', 'job elsewhere');

      try {
        const problem = await this.receivePages(jobUrl, url, job, settings, wantsLineart, pages, onPage);
        return { pages, problem };
      } finally {
        await this.exchange(jobUrl, { method: 'DELETE' }).catch(() => undefined);
      }
    } catch (error) {
      if (error instanceof DeviceGone) return { pages, problem: 'device-gone' };
      throw error;
    }
  }

  private async receivePages(
    jobUrl: string,
    url: string,
    job: EsclJobSettings,
    settings: ScanSettings,
    thresholdHere: boolean,
    pages: ScannedPage[],
    onPage?: (count: number) => void,
  ): Promise<ScanProblem | null> {
    let notReady = 0;
    for (;;) {
      const response = await this.request(`${jobUrl}/NextDocument`);
      if (!response.ok) await release(response);
      if (response.status === 404) return null;
      if (response.status === 503) {
        if (++notReady > this.notReadyRetries) return 'device-busy';
        await sleep(this.retryDelayMs);
        continue;
      }
      if (!response.ok) {
        // A flatbed job that refuses a second page has simply finished.
        if (settings.source === 'flatbed' && pages.length > 0) return null;
        return this.problemNow(url, settings.source);
      }
      notReady = 0;
      const bytes = Buffer.from(await response.arrayBuffer());
      let received;
      try {
        received = await importedPages(bytes);
      } catch (error) {
        if (error instanceof ImportError) return 'io-error';
        throw error;
      }
      for (const page of received) {
        pages.push({ png: await asAsked(page.png, job.mode, thresholdHere), resolution: job.resolution });
        onPage?.(pages.length);
      }
      if (settings.source === 'flatbed') return null;
    }
  }
}

/** Lets an answer's unread body go, so that its connection is freed rather than held open. */
async function release(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}
