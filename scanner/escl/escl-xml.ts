import { XMLParser } from 'fast-xml-parser';
import type { ColourMode } from '../drivers/driver';

/**
 * eSCL's XML documents (Mopria/AirScan): what a device says it can do and what state it is in, and the
 * ScanSettings a job is created with. Devices differ in namespaces and in which optional elements they
 * send, so the reading is lenient about both; what cannot be understood is left out, not guessed.
 */
export interface EsclInputCaps {
  /** Scan area limits, in 1/300 inch (eSCL's ThreeHundredthsOfInches). */
  minWidth: number;
  maxWidth: number;
  minHeight: number;
  maxHeight: number;
  modes: ColourMode[];
  resolutions: number[];
  formats: string[];
}

export interface EsclCapabilities {
  makeAndModel: string;
  platen: EsclInputCaps | null;
  adfSimplex: EsclInputCaps | null;
  adfDuplex: EsclInputCaps | null;
}

export type EsclAdfState = 'loaded' | 'empty' | 'jammed' | 'open' | 'other';

export interface EsclStatus {
  state: 'Idle' | 'Processing' | 'Testing' | 'Stopped' | 'Down';
  adf: EsclAdfState | null;
}

export class EsclFormatError extends Error {
  constructor(what: string) {
    super(`eSCL: ${what}`);
    this.name = 'EsclFormatError';
  }
}

const REPEATED = new Set(['ColorMode', 'DocumentFormat', 'DocumentFormatExt', 'DiscreteResolution', 'SettingProfile', 'JobInfo', 'ColorSpace', 'Intent', 'AdfOption']);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => REPEATED.has(name),
  // Devices' documents are small; a DOCTYPE has no business in them (entity expansion).
  processEntities: false,
});

type Node = Record<string, unknown>;
const asNode = (value: unknown): Node | null => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : null);
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
const text = (value: unknown): string | null => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : null);
const integer = (value: unknown): number | null => {
  const t = text(value);
  return t !== null && /^\d{1,6}$/.test(t) ? Number(t) : null;
};

function parse(xml: string, root: string): Node {
  if (/<!DOCTYPE/i.test(xml)) throw new EsclFormatError('DOCTYPE refused');
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch {
    throw new EsclFormatError('not XML');
  }
  const node = asNode(doc[root]);
  if (!node) throw new EsclFormatError(`no ${root}`);
  return node;
}

const MODES: Record<string, ColourMode> = { BlackAndWhite1: 'lineart', Grayscale8: 'gray', Grayscale16: 'gray', RGB24: 'color', RGB48: 'color' };

/** Common steps of a resolution range, as SANE front ends offer them. */
const COMMON_RESOLUTIONS = [75, 100, 150, 200, 240, 300, 400, 600, 1200];

function resolutionsOf(profile: Node): number[] {
  const supported = asNode(profile.SupportedResolutions);
  if (!supported) return [];
  const found = new Set<number>();
  for (const discrete of asList(asNode(supported.DiscreteResolutions)?.DiscreteResolution)) {
    const x = integer(asNode(discrete)?.XResolution);
    const y = integer(asNode(discrete)?.YResolution);
    // Pages are square-pixelled downstream; a resolution that is not square is left out.
    if (x && x === y) found.add(x);
  }
  const range = asNode(supported.ResolutionRange);
  const x = asNode(range?.XResolutionRange);
  const min = integer(x?.Min);
  const max = integer(x?.Max);
  if (min && max) COMMON_RESOLUTIONS.filter((r) => r >= min && r <= max).forEach((r) => found.add(r));
  return [...found].sort((a, b) => a - b);
}

function inputCaps(value: unknown): EsclInputCaps | null {
  const caps = asNode(value);
  if (!caps) return null;
  const modes = new Set<ColourMode>();
  const resolutions = new Set<number>();
  const formats = new Set<string>();
  for (const profile of asList(asNode(caps.SettingProfiles)?.SettingProfile).map(asNode)) {
    if (!profile) continue;
    for (const m of asList(asNode(profile.ColorModes)?.ColorMode)) {
      const mode = MODES[text(m) ?? ''];
      if (mode) modes.add(mode);
    }
    resolutionsOf(profile).forEach((r) => resolutions.add(r));
    const documentFormats = asNode(profile.DocumentFormats);
    for (const f of [...asList(documentFormats?.DocumentFormat), ...asList(documentFormats?.DocumentFormatExt)]) if (text(f)) formats.add(text(f)!);
  }
  const maxWidth = integer(caps.MaxWidth);
  const maxHeight = integer(caps.MaxHeight);
  if (!maxWidth || !maxHeight || modes.size === 0 || resolutions.size === 0) return null;
  return {
    minWidth: integer(caps.MinWidth) ?? 1,
    maxWidth,
    minHeight: integer(caps.MinHeight) ?? 1,
    maxHeight,
    modes: (['color', 'gray', 'lineart'] as const).filter((m) => modes.has(m)),
    resolutions: [...resolutions].sort((a, b) => a - b),
    formats: [...formats],
  };
}

export function parseCapabilities(xml: string): EsclCapabilities {
  const caps = parse(xml, 'ScannerCapabilities');
  const adf = asNode(caps.Adf);
  const result = {
    makeAndModel: text(caps.MakeAndModel) ?? 'eSCL',
    platen: inputCaps(asNode(caps.Platen)?.PlatenInputCaps),
    adfSimplex: inputCaps(adf?.AdfSimplexInputCaps),
    adfDuplex: inputCaps(adf?.AdfDuplexInputCaps),
  };
  if (!result.platen && !result.adfSimplex) throw new EsclFormatError('no input source');
  return result;
}

const ADF_STATES: Record<string, EsclAdfState> = {
  ScannerAdfLoaded: 'loaded',
  ScannerAdfProcessing: 'loaded',
  ScannerAdfEmpty: 'empty',
  ScannerAdfJam: 'jammed',
  ScannerAdfMispick: 'jammed',
  ScannerAdfMultipickDetected: 'jammed',
  ScannerAdfHatchOpen: 'open',
};

export function parseStatus(xml: string): EsclStatus {
  const status = parse(xml, 'ScannerStatus');
  const state = text(status.State);
  if (state !== 'Idle' && state !== 'Processing' && state !== 'Testing' && state !== 'Stopped' && state !== 'Down') throw new EsclFormatError(`scanner state ${state}`);
  const adf = text(status.AdfState);
  return { state, adf: adf === null ? null : (ADF_STATES[adf] ?? 'other') };
}

export interface EsclJobSettings {
  source: 'Platen' | 'Feeder';
  duplex: boolean;
  mode: 'BlackAndWhite1' | 'Grayscale8' | 'RGB24';
  resolution: number;
  format: string;
  /** In 1/300 inch. */
  width: number;
  height: number;
}

/** The body of POST ScanJobs. Every value is a number or one of a few fixed words, so nothing needs escaping. */
export function scanSettingsXml(s: EsclJobSettings): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScanSettings xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
<pwg:Version>2.0</pwg:Version>
<scan:Intent>Document</scan:Intent>
<pwg:ScanRegions><pwg:ScanRegion><pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits><pwg:XOffset>0</pwg:XOffset><pwg:YOffset>0</pwg:YOffset><pwg:Width>${s.width}</pwg:Width><pwg:Height>${s.height}</pwg:Height></pwg:ScanRegion></pwg:ScanRegions>
<pwg:InputSource>${s.source}</pwg:InputSource>
${s.source === 'Feeder' ? `<scan:Duplex>${s.duplex}</scan:Duplex>` : ''}
<scan:ColorMode>${s.mode}</scan:ColorMode>
<scan:XResolution>${s.resolution}</scan:XResolution><scan:YResolution>${s.resolution}</scan:YResolution>
<pwg:DocumentFormat>${s.format}</pwg:DocumentFormat><scan:DocumentFormatExt>${s.format}</scan:DocumentFormatExt>
</scan:ScanSettings>`;
}
