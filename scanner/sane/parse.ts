import type { ColourMode, DeviceCapabilities, ScanProblem, ScanSource } from '../drivers/driver';

/** Reading what `scanimage` prints: its device list, a device's options, and how a batch ended. */

/** `scanimage -f '%d|%v|%m|%t%n'`: one device per line. */
export function parseDeviceList(output: string): { name: string; label: string }[] {
  return output
    .split('\n')
    .map((line) => line.split('|'))
    .filter((parts) => parts.length === 4 && parts[0]!.trim())
    .map(([name, vendor, model, type]) => ({ name: name!.trim(), label: `${vendor} ${model} (${type})`.trim() }));
}

/** An option line of `scanimage -A`: `    --mode Gray|Color [Gray]`. */
function optionValues(output: string, option: string): string | null {
  const line = output.split('\n').find((l) => new RegExp(`^\\s+--${option}\\s`).test(l));
  if (!line || /\[inactive\]\s*$/.test(line)) return null;
  return line.replace(new RegExp(`^\\s+--${option}\\s+`), '').replace(/\s*\[[^\]]*\]\s*$/, '');
}

const MODE_NAMES: Record<string, ColourMode> = { color: 'color', colour: 'color', gray: 'gray', grey: 'gray', lineart: 'lineart', 'black & white': 'lineart', binary: 'lineart' };
const COMMON_RESOLUTIONS = [75, 100, 150, 200, 240, 300, 400, 600, 1200];

export function parseOptions(output: string): DeviceCapabilities & { saneSources: Partial<Record<ScanSource, string>>; saneModes: Partial<Record<ColourMode, string>> } {
  const saneModes: Partial<Record<ColourMode, string>> = {};
  for (const value of (optionValues(output, 'mode') ?? '').split('|')) {
    const mode = MODE_NAMES[value.trim().toLowerCase()];
    if (mode && !saneModes[mode]) saneModes[mode] = value.trim();
  }
  const saneSources: Partial<Record<ScanSource, string>> = {};
  for (const value of (optionValues(output, 'source') ?? '').split('|').map((v) => v.trim()).filter(Boolean)) {
    const lower = value.toLowerCase();
    if (/duplex/.test(lower)) saneSources['feeder-duplex'] ??= value;
    else if (/feeder|adf/.test(lower)) saneSources.feeder ??= value;
    else if (/flatbed|platen/.test(lower)) saneSources.flatbed ??= value;
  }
  const resolutionText = optionValues(output, 'resolution') ?? '';
  const range = /^(\d+)\.\.(\d+)/.exec(resolutionText);
  const resolutions = range
    ? COMMON_RESOLUTIONS.filter((r) => r >= Number(range[1]) && r <= Number(range[2]))
    : resolutionText.replace(/dpi.*$/, '').split('|').map(Number).filter((n) => Number.isFinite(n) && n > 0);
  const sources = (['flatbed', 'feeder', 'feeder-duplex'] as const).filter((s) => saneSources[s]);
  return {
    sources: sources.length ? [...sources] : ['flatbed'],
    modes: (['color', 'gray', 'lineart'] as const).filter((m) => saneModes[m]),
    resolutions,
    saneSources,
    saneModes,
  };
}

const PROBLEMS: [RegExp, ScanProblem][] = [
  [/feeder jammed/i, 'jammed'],
  [/out of documents/i, 'no-documents'],
  [/cover is open/i, 'cover-open'],
  [/device busy/i, 'device-busy'],
  [/access to resource has been denied/i, 'access-denied'],
  [/invalid argument|no such device|not found|unsupported/i, 'device-gone'],
  [/error during device i\/o/i, 'io-error'],
];

/**
 * How a `scanimage --batch` run ended. An empty feeder after at least one page is the normal end of a
 * feeder batch; before any page it means nothing was loaded.
 */
export function batchEnd(stderr: string, pagesScanned: number, exitCode: number | null): ScanProblem | null {
  const errors = stderr.split('\n').filter((l) => /^scanimage: /.test(l));
  for (const line of errors) {
    const problem = PROBLEMS.find(([pattern]) => pattern.test(line))?.[1] ?? 'failed';
    if (problem === 'no-documents' && pagesScanned > 0) continue;
    return problem;
  }
  return exitCode === 0 ? null : 'failed';
}
