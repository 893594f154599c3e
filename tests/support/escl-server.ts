import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import sharp from 'sharp';

/**
 * A network MFP speaking eSCL (Mopria/AirScan) on 127.0.0.1, for tests: capabilities, status, scan
 * jobs and NextDocument, with a flatbed and a feeder holding the pages a test loads. It is trusted as a
 * peer only because Debian's sane-airscan scans from it (tests/scanner/escl/escl-server.test.ts); the
 * project's own client is then tested against the same server.
 *
 * Pages are given at 300 dpi and delivered at the resolution, area, colour mode and format asked for.
 * Faults a real device shows are switches on `device`: busy for a while, feeder empty or jammed, cover
 * open, NextDocument not ready (503) for a few tries, black-and-white refused, vanishing mid-batch.
 */
export type EsclColourMode = 'BlackAndWhite1' | 'Grayscale8' | 'RGB24';

export interface EsclDevice {
  makeAndModel: string;
  /** Pages waiting in the feeder (the flatbed always scans the first one, or a blank page). */
  feeder: Buffer[];
  duplex: boolean;
  resolutions: number[];
  modes: EsclColourMode[];
  formats: string[];
  /** ScannerStatus answers Processing this many more times before Idle. */
  busyFor: number;
  adfState: 'ScannerAdfLoaded' | 'ScannerAdfEmpty' | 'ScannerAdfJam' | 'ScannerAdfHatchOpen' | null;
  /** Each page answers 503 to this many NextDocument requests before it is ready. */
  notReadyFor: number;
  refuseBlackAndWhite: boolean;
  /** After this many pages the feeder jams: NextDocument answers 409 and the status says jammed. */
  jamAfter: number | null;
  /** After this many pages every connection is cut and the server stops listening. */
  vanishAfter: number | null;
  /** The largest area it scans, in 1/300 inch (A4 unless a test says otherwise). */
  area: { width: number; height: number };
}

export interface EsclRequest {
  method: string;
  path: string;
  body: string;
}

const A4_300 = { width: 2480, height: 3508 };
const BLANK_PAGE = () => sharp({ create: { ...A4_300, channels: 3, background: 'white' } }).png().toBuffer();

interface Job {
  id: string;
  source: 'Platen' | 'Feeder';
  mode: EsclColourMode;
  resolution: number;
  format: string;
  region: { width: number; height: number; x: number; y: number };
  delivered: number;
  tries: number;
  state: 'Processing' | 'Completed' | 'Aborted' | 'Canceled';
}

const tag = (xml: string, name: string) => new RegExp(`<(?:\\w+:)?${name}>([^<]*)</(?:\\w+:)?${name}>`).exec(xml)?.[1]?.trim();

function inputCaps(device: EsclDevice, tagName: string) {
  const profile = `<scan:SettingProfiles><scan:SettingProfile>
  <scan:ColorModes>${device.modes.map((m) => `<scan:ColorMode>${m}</scan:ColorMode>`).join('')}</scan:ColorModes>
  <scan:DocumentFormats>${device.formats.map((f) => `<pwg:DocumentFormat>${f}</pwg:DocumentFormat><scan:DocumentFormatExt>${f}</scan:DocumentFormatExt>`).join('')}</scan:DocumentFormats>
  <scan:SupportedResolutions><scan:DiscreteResolutions>${device.resolutions
    .map((r) => `<scan:DiscreteResolution><scan:XResolution>${r}</scan:XResolution><scan:YResolution>${r}</scan:YResolution></scan:DiscreteResolution>`)
    .join('')}</scan:DiscreteResolutions></scan:SupportedResolutions>
  <scan:ColorSpaces><scan:ColorSpace>sRGB</scan:ColorSpace></scan:ColorSpaces>
</scan:SettingProfile></scan:SettingProfiles>`;
  return `<scan:${tagName}>
  <scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>${device.area.width}</scan:MaxWidth>
  <scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>${device.area.height}</scan:MaxHeight>
  <scan:MaxScanRegions>1</scan:MaxScanRegions>
  ${profile}
  <scan:SupportedIntents><scan:Intent>Document</scan:Intent><scan:Intent>TextAndGraphic</scan:Intent><scan:Intent>Photo</scan:Intent></scan:SupportedIntents>
  <scan:MaxOpticalXResolution>${Math.max(...device.resolutions)}</scan:MaxOpticalXResolution>
  <scan:MaxOpticalYResolution>${Math.max(...device.resolutions)}</scan:MaxOpticalYResolution>
</scan:${tagName}>`;
}

function capabilities(device: EsclDevice, uuid: string) {
  const adf = `<scan:Adf>
  ${inputCaps(device, 'AdfSimplexInputCaps')}
  ${device.duplex ? inputCaps(device, 'AdfDuplexInputCaps') : ''}
  <scan:FeederCapacity>50</scan:FeederCapacity>
  <scan:AdfOptions><scan:AdfOption>DetectPaperLoaded</scan:AdfOption>${device.duplex ? '<scan:AdfOption>Duplex</scan:AdfOption>' : ''}</scan:AdfOptions>
</scan:Adf>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
<pwg:Version>2.63</pwg:Version>
<pwg:MakeAndModel>${device.makeAndModel}</pwg:MakeAndModel>
<pwg:SerialNumber>AJO-TEST-1</pwg:SerialNumber>
<scan:UUID>${uuid}</scan:UUID>
<scan:Platen>${inputCaps(device, 'PlatenInputCaps')}</scan:Platen>
${adf}
</scan:ScannerCapabilities>`;
}

export class EsclServer {
  readonly device: EsclDevice;
  readonly requests: EsclRequest[] = [];
  private readonly jobs = new Map<string, Job>();
  private readonly sockets = new Set<Socket>();
  private readonly uuid = randomUUID();
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private pagesServed = 0;
  private boundPort: number | null = null;

  constructor(device: Partial<EsclDevice> = {}) {
    this.device = {
      makeAndModel: 'AJO Test MFP 3000',
      feeder: [],
      duplex: true,
      resolutions: [75, 150, 200, 300, 600],
      modes: ['BlackAndWhite1', 'Grayscale8', 'RGB24'],
      formats: ['image/jpeg', 'image/png'],
      busyFor: 0,
      adfState: null,
      notReadyFor: 0,
      refuseBlackAndWhite: false,
      jamAfter: null,
      vanishAfter: null,
      area: A4_300,
      ...device,
    };
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Loopback unless a test needs the device reachable at the address it announces over mDNS. */
  async start(host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, host, resolve));
    this.boundPort = (this.server.address() as AddressInfo).port;
    return this.url;
  }

  /** Kept after stop(), so a test can point at an address where nothing answers any more. */
  get port(): number {
    if (this.boundPort === null) throw new Error('EsclServer not started');
    return this.boundPort;
  }

  /** The eSCL root, as devices announce it in their `rs` TXT record. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/eSCL`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private adfState(): string {
    if (this.device.adfState) return this.device.adfState;
    return this.device.feeder.length > 0 ? 'ScannerAdfLoaded' : 'ScannerAdfEmpty';
  }

  private status(): string {
    const state = this.device.busyFor > 0 ? (this.device.busyFor--, 'Processing') : 'Idle';
    const jobs = [...this.jobs.values()]
      .map((j) => `<scan:JobInfo><pwg:JobUri>/eSCL/ScanJobs/${j.id}</pwg:JobUri><pwg:JobUuid>${j.id}</pwg:JobUuid><pwg:ImagesCompleted>${j.delivered}</pwg:ImagesCompleted><pwg:JobState>${j.state}</pwg:JobState></scan:JobInfo>`)
      .join('');
    return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerStatus xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
<pwg:Version>2.63</pwg:Version><pwg:State>${state}</pwg:State><scan:AdfState>${this.adfState()}</scan:AdfState><scan:Jobs>${jobs}</scan:Jobs>
</scan:ScannerStatus>`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const path = new URL(req.url ?? '/', 'http://device').pathname;
    this.requests.push({ method: req.method ?? '', path, body });
    const send = (status: number, type?: string, content?: string | Buffer, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...(type ? { 'Content-Type': type } : {}), ...headers });
      res.end(content);
    };
    const xml = (content: string) => send(200, 'text/xml', content);

    if (req.method === 'GET' && path === '/eSCL/ScannerCapabilities') return xml(capabilities(this.device, this.uuid));
    if (req.method === 'GET' && path === '/eSCL/ScannerStatus') return xml(this.status());
    if (req.method === 'POST' && path === '/eSCL/ScanJobs') return this.createJob(body, req, send);
    const job = /^\/eSCL\/ScanJobs\/([\w-]+)(\/NextDocument|\/ScanImageInfo)?$/.exec(path);
    const current = job ? this.jobs.get(job[1] ?? '') : undefined;
    if (job && current) {
      if (req.method === 'DELETE' && !job[2]) {
        if (current.state === 'Processing') current.state = 'Canceled';
        return send(200);
      }
      if (req.method === 'GET' && job[2] === '/NextDocument') return this.nextDocument(current, send);
      if (req.method === 'GET' && job[2] === '/ScanImageInfo') return xml(`<scan:ScanImageInfo xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03"><pwg:JobUri xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">/eSCL/ScanJobs/${current.id}</pwg:JobUri></scan:ScanImageInfo>`);
    }
    send(404);
  }

  private createJob(body: string, req: IncomingMessage, send: (status: number, type?: string, content?: string, headers?: Record<string, string>) => void) {
    const source = tag(body, 'InputSource') === 'Feeder' ? 'Feeder' : 'Platen';
    const mode = (tag(body, 'ColorMode') ?? 'RGB24') as EsclColourMode;
    const resolution = Number(tag(body, 'XResolution') ?? 300);
    const format = tag(body, 'DocumentFormatExt') ?? tag(body, 'DocumentFormat') ?? 'image/jpeg';
    const region = {
      width: Number(tag(body, 'Width') ?? A4_300.width),
      height: Number(tag(body, 'Height') ?? A4_300.height),
      x: Number(tag(body, 'XOffset') ?? 0),
      y: Number(tag(body, 'YOffset') ?? 0),
    };
    if (this.device.busyFor > 0) return send(503);
    const valid =
      this.device.modes.includes(mode) &&
      this.device.resolutions.includes(resolution) &&
      this.device.formats.includes(format) &&
      region.width >= 16 &&
      region.height >= 16 &&
      region.x + region.width <= this.device.area.width &&
      region.y + region.height <= this.device.area.height;
    if (!valid || (mode === 'BlackAndWhite1' && this.device.refuseBlackAndWhite)) return send(409);
    if (source === 'Feeder') {
      const state = this.adfState();
      if (state === 'ScannerAdfJam' || state === 'ScannerAdfHatchOpen') return send(409);
      if (state === 'ScannerAdfEmpty') return send(409);
    }
    const id = randomUUID();
    this.jobs.set(id, { id, source, mode, resolution, format, region, delivered: 0, tries: 0, state: 'Processing' });
    send(201, undefined, undefined, { Location: `http://${req.headers.host ?? `127.0.0.1:${this.port}`}/eSCL/ScanJobs/${id}` });
  }

  private async nextDocument(job: Job, send: (status: number, type?: string, content?: Buffer) => void) {
    if (job.state !== 'Processing') return send(404);
    if (this.device.vanishAfter !== null && this.pagesServed >= this.device.vanishAfter) {
      await this.stop();
      return;
    }
    if (job.source === 'Platen' && job.delivered === 1) {
      job.state = 'Completed';
      return send(404);
    }
    if (job.source === 'Feeder' && this.device.jamAfter !== null && job.delivered >= this.device.jamAfter) {
      job.state = 'Aborted';
      this.device.adfState = 'ScannerAdfJam';
      return send(409);
    }
    if (job.source === 'Feeder' && this.device.feeder.length === 0) {
      job.state = 'Completed';
      return send(404);
    }
    if (job.tries < this.device.notReadyFor) {
      job.tries++;
      return send(503);
    }
    job.tries = 0;
    const original = job.source === 'Feeder' ? this.device.feeder.shift()! : (this.device.feeder[0] ?? (await BLANK_PAGE()));
    job.delivered++;
    this.pagesServed++;
    send(200, job.format, await render(original, job, this.device.area));
  }
}

/** The page as the device would deliver it for this job's settings. */
async function render(original: Buffer, job: Job, area: EsclDevice['area']): Promise<Buffer> {
  const scale = job.resolution / 300;
  const { region } = job;
  const base = await sharp(original).resize(area.width, area.height, { fit: 'fill' }).extract({ left: region.x, top: region.y, width: region.width, height: region.height }).toBuffer();
  let page = sharp(base).resize(Math.max(1, Math.round(region.width * scale)), Math.max(1, Math.round(region.height * scale)), { fit: 'fill' });
  if (job.mode !== 'RGB24') page = page.toColourspace('b-w');
  if (job.mode === 'BlackAndWhite1') page = page.threshold(128);
  page = page.withMetadata({ density: job.resolution });
  return job.format === 'image/png' ? page.png().toBuffer() : page.jpeg({ quality: 85 }).toBuffer();
}
