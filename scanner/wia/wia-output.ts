import { z } from 'zod';
import type { ScanProblem } from '../drivers/driver';

/**
 * What the WIA scripts print, one JSON object a line, read back strictly: a line that is not one of
 * these shapes means the script (or something injected into its output) misbehaved.
 */
const Line = z.union([
  z.object({ id: z.string().min(1).max(300), name: z.string().max(300) }).strict(),
  z.object({ handling: z.number().int().min(0), resolutions: z.union([z.array(z.number().int().positive()), z.number().int().positive()]) }).strict(),
  z.object({ page: z.number().int().positive(), file: z.string().min(1) }).strict(),
  z.object({ error: z.union([z.number().int(), z.literal('unknown-device')]), page: z.number().int().min(0).optional() }).strict(),
  z.object({ done: z.literal(true) }).strict(),
]);
export type WiaLine = z.infer<typeof Line>;

export class WiaOutputError extends Error {}

export function parseWiaOutput(stdout: string): WiaLine[] {
  return stdout
    .split(/\r?\n/)
    .map((line) => line.replace(/^\uFEFF/, '').trim())
    .filter(Boolean)
    .map((line) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new WiaOutputError(`not JSON: ${line.slice(0, 80)}`);
      }
      const parsed = Line.safeParse(value);
      if (!parsed.success) throw new WiaOutputError(`unexpected line: ${line.slice(0, 80)}`);
      return parsed.data;
    });
}

/** WIA HRESULTs (wia.h) the clerk can act on. */
const HRESULT = {
  generalError: 0x80210001,
  paperJam: 0x80210002,
  paperEmpty: 0x80210003,
  paperProblem: 0x80210004,
  offline: 0x80210005,
  busy: 0x80210006,
  warmingUp: 0x80210007,
  itemDeleted: 0x80210009,
  deviceCommunication: 0x8021000a,
  deviceLocked: 0x8021000d,
  coverOpen: 0x80210016,
  accessDenied: 0x80070005,
} as const;

/**
 * Why the scan stopped. An empty feeder after some pages is the normal end of a batch; before the
 * first page it means nothing was loaded.
 */
export function problemOf(hresult: number, pagesScanned: number): ScanProblem | null {
  switch (hresult >>> 0) {
    case HRESULT.paperEmpty:
      return pagesScanned > 0 ? null : 'no-documents';
    case HRESULT.paperJam:
    case HRESULT.paperProblem:
      return 'jammed';
    case HRESULT.coverOpen:
      return 'cover-open';
    case HRESULT.busy:
    case HRESULT.warmingUp:
    case HRESULT.deviceLocked:
      return 'device-busy';
    case HRESULT.offline:
    case HRESULT.itemDeleted:
    case HRESULT.deviceCommunication:
      return 'device-gone';
    case HRESULT.accessDenied:
      return 'access-denied';
    default:
      return 'failed';
  }
}
