/**
 * One interface for every source of scanned pages (SANE, eSCL, WIA; the hot folder feeds the tray directly), so
 * the capture pipeline and the UI do not care where a page came from.
 */
export type ScanSource = 'flatbed' | 'feeder' | 'feeder-duplex';
export type ColourMode = 'color' | 'gray' | 'lineart';

export interface ScanDevice {
  /** Unique across drivers: `<driver>:<the driver's own name>`. */
  id: string;
  driver: 'sane' | 'escl' | 'wia';
  name: string;
}

export interface DeviceCapabilities {
  sources: ScanSource[];
  modes: ColourMode[];
  /** The resolutions the device takes; a range is offered as its common steps. */
  resolutions: number[];
}

export interface ScanSettings {
  source: ScanSource;
  mode: ColourMode;
  resolution: number;
}

/** Why a scan stopped before the pages ran out; pages scanned before it are kept. */
export type ScanProblem = 'jammed' | 'no-documents' | 'cover-open' | 'device-busy' | 'device-gone' | 'access-denied' | 'io-error' | 'failed';

export interface ScannedPage {
  /** PNG as the device delivered it. */
  png: Buffer;
  resolution: number;
}

export interface ScanOutcome {
  pages: ScannedPage[];
  problem: ScanProblem | null;
}

export interface ScannerDriver {
  /** The prefix of its devices' ids. */
  readonly kind: ScanDevice['driver'];
  listDevices(): Promise<ScanDevice[]>;
  capabilities(deviceId: string): Promise<DeviceCapabilities>;
  /** Scans one page from the flatbed, or the feeder until it is empty. */
  scan(deviceId: string, settings: ScanSettings, onPage?: (count: number) => void): Promise<ScanOutcome>;
}

export class ScannerError extends Error {
  constructor(readonly problem: ScanProblem | 'unknown-device' | 'unsupported-setting' | 'driver-missing', detail = '') {
    super(`scanner: ${problem} ${detail}`.trim());
    this.name = 'ScannerError';
  }
}
