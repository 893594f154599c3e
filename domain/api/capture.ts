import { z } from 'zod';
import { Code } from '../catalogue/catalogue';
import { Line } from './text';
import { application, Base64, call, Empty, FileName, Id, MAX_DOCUMENT_BYTES } from './call';
import { ApplicationDetail } from './applications';

/** Scanning: devices, the clerk's tray of pages, imports, scan folders, and pages into an application's slot. */
const DeviceId = z.string().min(3).max(300).regex(/^[a-z]+:/);
const ScanDevice = z.object({ id: z.string(), driver: z.enum(['sane', 'escl', 'wia']), name: z.string() });
export const TrayPage = z.object({
  id: Id,
  width: z.number().int(),
  height: z.number().int(),
  resolution: z.number().int(),
  device: z.string(),
  scannedAt: z.string(),
  /** Whether OCR has read the page yet (it does so in the background after each scan). */
  textRead: z.boolean(),
  /** Turned, cropped or straightened (on arrival, if it came in at a slant); the image as scanned can be put back. */
  edited: z.boolean(),
  /** The current image's SHA-256: changes when the page is edited, so views know to fetch it again. */
  imageSha256: z.string(),
});
export type TrayPage = z.infer<typeof TrayPage>;
const Tray = z.object({ pages: z.array(TrayPage) });
/** A share of a page's width or height. */
const Share = z.number().min(0).max(1);
export const ScanProblem = z.enum(['jammed', 'no-documents', 'cover-open', 'device-busy', 'device-gone', 'access-denied', 'io-error', 'failed']);

/**
 * A clerk's hot folder and the last files seen in it: taken into the tray, a duplicate, or refused
 * (why); the roots the administrator allows folders in; how many files it held when chosen (left alone).
 */
const HotFolderStatus = z.object({
  path: z.string().nullable(),
  state: z.enum(['off', 'watching', 'missing', 'not-a-folder', 'not-allowed']),
  allowedRoots: z.array(z.string()),
  leftAlone: z.number().int().min(0),
  recent: z.array(
    z.object({
      fileName: z.string(),
      outcome: z.enum(['taken', 'duplicate', 'refused']),
      problem: z.string().nullable(),
      pages: z.number().int(),
      seenAt: z.string(),
    }),
  ),
});
export type HotFolderStatus = z.infer<typeof HotFolderStatus>;

/** Where clerks may have scan folders (the folders inside these roots), and whether files turned away are moved aside or left. */
export const HotFolderPolicy = z.object({ roots: z.array(Line(1000)).max(20), rejected: z.enum(['leave', 'move']) });
export type HotFolderPolicy = z.infer<typeof HotFolderPolicy>;

export const captureCalls = {
  'scanner.devices': call({
    args: Empty,
    result: z.object({ devices: z.array(ScanDevice) }),
    access: ['clerk'],
  }),
  /** A network scanner by its address (IP, host:port or eSCL URL), saved once it answers as an eSCL device. */
  'scanner.addNetwork': call({
    args: z.object({ address: Line(300) }).strict(),
    result: z.object({ device: ScanDevice }),
    access: ['clerk', 'admin'],
  }),
  'scanner.removeNetwork': call({ args: z.object({ deviceId: DeviceId }).strict(), result: z.object({ ok: z.literal(true) }), access: ['clerk', 'admin'] }),
  'scanner.capabilities': call({
    args: z.object({ deviceId: DeviceId }).strict(),
    result: z.object({ sources: z.array(z.enum(['flatbed', 'feeder', 'feeder-duplex'])), modes: z.array(z.enum(['color', 'gray', 'lineart'])), resolutions: z.array(z.number().int()) }),
    access: ['clerk'],
  }),
  /** Scans into the clerk's tray; pages scanned before a problem (a jam, an empty feeder) are kept and the problem reported. */
  'scanner.scan': call({
    args: z
      .object({ deviceId: DeviceId, source: z.enum(['flatbed', 'feeder', 'feeder-duplex']), mode: z.enum(['color', 'gray', 'lineart']), resolution: z.number().int().min(50).max(1200) })
      .strict(),
    result: Tray.extend({ added: z.number().int(), problem: ScanProblem.nullable() }),
    access: ['clerk'],
  }),
  /** How far the clerk's scan or import under way has got: pages received (of how many, for a file), then pages being straightened. */
  'scanner.scanProgress': call({
    args: Empty,
    result: z.object({
      scanning: z.boolean(),
      stage: z.enum(['scanning', 'processing', 'importing']).nullable(),
      pages: z.number().int().min(0),
      total: z.number().int().min(0).nullable(),
    }),
    access: ['clerk'],
  }),
  /** A file's pages into the tray (JPEG, PNG, TIFF, or a PDF of scans), as if scanned, one page at a time; cancelled, it adds nothing. */
  'scanner.import': call({
    args: z.object({ fileName: FileName, contentBase64: Base64(MAX_DOCUMENT_BYTES) }).strict(),
    result: Tray.extend({ added: z.number().int(), cancelled: z.boolean() }),
    access: ['clerk'],
  }),
  /** Stops the clerk's import under way between two pages (a scan runs to its end). */
  'scanner.cancel': call({ args: Empty, result: z.object({ cancelled: z.boolean() }), access: ['clerk'] }),
  'scanner.tray': call({ args: Empty, result: Tray, access: ['clerk'] }),
  /** The clerk's scan-to-folder: where the copier puts files, whether it is reachable, what came of the last files. */
  'scanner.hotFolder': call({ args: Empty, result: HotFolderStatus, access: ['clerk'] }),
  /** The administrator's rules for scan folders. */
  'scanner.hotFolderPolicy': call({ args: Empty, result: HotFolderPolicy, access: ['admin'] }),
  'scanner.setHotFolderPolicy': call({ args: HotFolderPolicy.strict(), result: HotFolderPolicy, access: ['admin'] }),
  /** Watch this folder (an absolute path, inside a root the administrator allowed, holding only scans) for the clerk, or stop watching (null). */
  'scanner.setHotFolder': call({ args: z.object({ path: Line(1000).nullable() }).strict(), result: HotFolderStatus, access: ['clerk'] }),
  'scanner.pageImage': call({ args: z.object({ pageId: Id }).strict(), result: z.object({ contentBase64: z.string(), mime: z.literal('image/png') }), access: ['clerk'] }),
  /** One page turned, cropped (a box in shares of the page) or straightened, or put back as scanned. */
  'scanner.editPage': call({
    args: z
      .object({
        pageId: Id,
        edit: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('rotate'), quarterTurns: z.union([z.literal(1), z.literal(2), z.literal(3)]) }).strict(),
          z.object({ kind: z.literal('crop'), box: z.object({ left: Share, top: Share, width: Share, height: Share }).strict() }).strict(),
          z.object({ kind: z.literal('deskew') }).strict(),
          z.object({ kind: z.literal('restore') }).strict(),
        ]),
      })
      .strict(),
    result: Tray,
    access: ['clerk'],
  }),
  /** Tray pages that look blank, for the clerk to confirm before they are dropped. */
  'scanner.blankPages': call({ args: Empty, result: z.object({ pageIds: z.array(Id) }), access: ['clerk'] }),
  /** The tray in this order; pages left out are dropped. */
  'scanner.arrange': call({ args: z.object({ pageIds: z.array(Id).max(500) }).strict(), result: Tray, access: ['clerk'] }),
  /** These tray pages, in this order, become one PDF in the slot, and leave the tray. */
  'scanner.attach': call({
    args: z.object({ applicationId: Id, slotCode: Code, pageIds: z.array(Id).min(1).max(500) }).strict(),
    result: ApplicationDetail,
    access: ['clerk'],
    target: application('applicationId', 'change'),
  }),
} as const;
