import { joinPageTexts } from '../../domain/documents/page-text';
import { AppError } from '../../domain/api/errors';
import type { ApplicationDetail } from '../../domain/api/contract';
import { newId } from '../../db/ids';
import { addCapturePage, capturePages, deleteCapturePage, setCaptureImage, setCapturePosition } from '../../db/repositories/capture';
import { appendEvent } from '../../db/repositories/events';
import type { OfficeEventInput } from '../../domain/events/office-events';
import type { UserRecord } from '../../db/repositories/users';
import { ScannerError, type ScannerDriver, type ScanSettings } from '../../scanner/drivers/driver';
import { ocrPageOf } from '../../db/repositories/document-text';
import { compactPdf } from '../../scanner/pdf/compact-pdf';
import { ImportError } from '../../scanner/import-file';
import { openPages } from '../../scanner/import-pages';
import { isBlankPage } from '../../scanner/pages/blank-page';
import { deskewed } from '../../scanner/pages/deskew';
import { cropped, PageEditError, rotated, type CropBox, type QuarterTurns } from '../../scanner/pages/geometry';
import { fontBytes } from '../fonts';
import { inTransaction, type CoreContext } from '../context';
import { attachBytes } from './documents';

/**
 * The clerk's capture tray: pages come in from a scanner, are put in order (or dropped), and leave the
 * tray as one PDF attached to a document slot of an application.
 */
export interface Scanners {
  drivers: ScannerDriver[];
  /** Scans and imports under way, by clerk: one at a time each, and how far it has got. */
  scanning: Map<string, ScanProgress>;
}

export interface ScanProgress {
  stage: 'scanning' | 'processing' | 'importing';
  pages: number;
  /** Pages in all, when known (a file's page count). */
  total: number | null;
  /** Stops an import between two pages; nothing of it joins the tray. */
  cancel?: AbortController;
}

function driverFor(scanners: Scanners, deviceId: string): ScannerDriver {
  const driver = scanners.drivers.find((d) => deviceId.startsWith(`${d.kind}:`));
  if (!driver) throw new AppError('invalid-input', 'scanner-unknown-device');
  return driver;
}

function scannerError(error: unknown): never {
  if (error instanceof ScannerError) {
    const code = error.problem === 'unknown-device' || error.problem === 'unsupported-setting' ? 'invalid-input' : 'invalid-state';
    throw new AppError(code, `scanner-${error.problem}`);
  }
  throw error;
}

export async function scanDevices(scanners: Scanners) {
  const lists = await Promise.all(scanners.drivers.map((d) => d.listDevices().catch(() => [])));
  return lists.flat();
}

export async function scanCapabilities(scanners: Scanners, deviceId: string) {
  try {
    return await driverFor(scanners, deviceId).capabilities(deviceId);
  } catch (error) {
    return scannerError(error);
  }
}

export function trayOf(ctx: CoreContext, user: UserRecord) {
  return capturePages(ctx.db, user.id).map(({ id, width, height, resolution, device, scannedAt, sha256, originalSha256 }) => ({
    id,
    width,
    height,
    resolution,
    device,
    scannedAt,
    textRead: ocrPageOf(ctx.db, sha256) !== null,
    edited: originalSha256 !== null,
    imageSha256: sha256,
  }));
}

/** How a damaged tray page is named to the clerk: where it came from and when. */
const trayPageName = (page: { device: string; scannedAt: string }) => `${page.device} ${page.scannedAt.slice(0, 19).replace('T', ' ')}`;

const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

/** A page as it enters the tray: straightened if it came in at a slant, with the image as scanned kept. */
async function straightened(page: { png: Buffer; resolution: number }): Promise<{ png: Buffer; resolution: number; original: Buffer | null }> {
  const fixed = await deskewed(page.png);
  return fixed ? { png: fixed.png, resolution: page.resolution, original: page.png } : { ...page, original: null };
}

/** One scan or import at a time per clerk; the caller ends it by deleting the entry when done. */
function startCapture(scanners: Scanners, user: UserRecord, progress: ScanProgress): ScanProgress {
  if (scanners.scanning.has(user.id)) throw new AppError('conflict', 'scan-in-progress');
  scanners.scanning.set(user.id, progress);
  return progress;
}

/** The clerk cancelled the import: nothing of it joins the tray. */
class ImportCancelled extends Error {}

export interface TrayIntake {
  /** What else the action changed, recorded in the same transaction. */
  alsoRecord?: () => void;
  /** Checked between pages: once aborted, nothing joins the tray. */
  signal?: AbortSignal;
  /** Pages straightened and stored so far. */
  onPage?: (done: number) => void;
}

/**
 * Pages join the end of the tray, each straightened first (the clerk can go back to the slanted one).
 * They are taken one at a time and stored as they come, so a long file never sits in memory decoded;
 * they join the tray together, in one transaction, or not at all.
 */
/** What the pages.scanned event says of where the pages came from, beside what addToTray counts. */
type ScanEventDetail = Omit<NonNullable<Extract<OfficeEventInput, { type: 'pages.scanned' }>['payload']>, 'device' | 'pages' | 'straightened'>;

export async function addToTray(
  ctx: CoreContext,
  user: Pick<UserRecord, 'id'>,
  device: string,
  scanned: Iterable<{ png: Buffer; resolution: number }> | AsyncIterable<{ png: Buffer; resolution: number }>,
  event: ScanEventDetail,
  intake: TrayIntake = {},
): Promise<number> {
  const stored: { sha256: string; originalSha256: string | null; width: number; height: number; resolution: number }[] = [];
  for await (const scan of scanned) {
    if (intake.signal?.aborted) throw new ImportCancelled();
    const page = await straightened(scan);
    stored.push({ sha256: ctx.blobs.put(page.png), originalSha256: page.original ? ctx.blobs.put(page.original) : null, ...pngSize(page.png), resolution: page.resolution });
    intake.onPage?.(stored.length);
  }
  if (intake.signal?.aborted) throw new ImportCancelled();
  inTransaction(ctx, () => {
    intake.alsoRecord?.();
    const at = ctx.now().toISOString();
    for (const page of stored) addCapturePage(ctx.db, user.id, { id: newId(), ...page, device, scannedAt: at });
    appendEvent(ctx.db, {
      at,
      actorId: user.id,
      entity: 'user',
      entityId: user.id,
      type: 'pages.scanned',
      payload: { device, pages: stored.length, straightened: stored.filter((p) => p.originalSha256).length, ...event },
    });
    ctx.ocr.queueTrayPages(stored);
  });
  return stored.length;
}

/**
 * A file's pages join the tray after the scanned ones, read one at a time with progress; the clerk may
 * cancel between pages. A file that is not whole, or an import cancelled, adds nothing.
 */
export async function importIntoTray(ctx: CoreContext, scanners: Scanners, user: UserRecord, input: { fileName: string; bytes: Buffer }) {
  const progress = startCapture(scanners, user, { stage: 'importing', pages: 0, total: null, cancel: new AbortController() });
  try {
    const file = await openPages(input.bytes);
    progress.total = file.count;
    const added = await addToTray(ctx, user, `file:${input.fileName.split(/[\\/]/).pop()}`, file.pages(), { source: 'import' }, {
      signal: progress.cancel!.signal,
      onPage: (done) => (progress.pages = done),
    });
    return { added, cancelled: false, pages: trayOf(ctx, user) };
  } catch (error) {
    if (error instanceof ImportCancelled) return { added: 0, cancelled: true, pages: trayOf(ctx, user) };
    if (error instanceof ImportError) throw new AppError('invalid-input', `file-${error.problem}`);
    throw error;
  } finally {
    scanners.scanning.delete(user.id);
  }
}

/** Stops the clerk's import under way (a scan runs to its end: the device has the paper). */
export function cancelImport(scanners: Scanners, user: UserRecord): { cancelled: boolean } {
  const progress = scanners.scanning.get(user.id);
  if (!progress?.cancel) return { cancelled: false };
  progress.cancel.abort();
  return { cancelled: true };
}

/** Scans into the tray. Pages scanned before a jam or an empty feeder stay; the problem is reported beside them. */
export async function scanIntoTray(ctx: CoreContext, scanners: Scanners, user: UserRecord, deviceId: string, settings: ScanSettings) {
  const driver = driverFor(scanners, deviceId);
  const progress = startCapture(scanners, user, { stage: 'scanning', pages: 0, total: null });
  try {
    let outcome;
    try {
      outcome = await driver.scan(deviceId, settings, (pages) => (progress.pages = pages));
    } catch (error) {
      return scannerError(error);
    }
    progress.stage = 'processing';
    progress.pages = outcome.pages.length;
    const added = await addToTray(ctx, user, deviceId, outcome.pages, { settings, problem: outcome.problem });
    return { added, problem: outcome.problem, pages: trayOf(ctx, user) };
  } finally {
    scanners.scanning.delete(user.id);
  }
}

export function scanProgress(scanners: Scanners, user: UserRecord) {
  const progress = scanners.scanning.get(user.id);
  return progress ? { scanning: true, stage: progress.stage, pages: progress.pages, total: progress.total } : { scanning: false, stage: null, pages: 0, total: null };
}

export function trayPageImage(ctx: CoreContext, user: UserRecord, pageId: string) {
  const page = capturePages(ctx.db, user.id).find((p) => p.id === pageId);
  if (!page) throw new AppError('not-found', 'capture-page');
  return { contentBase64: ctx.blobs.get(page.sha256, trayPageName(page)).toString('base64'), mime: 'image/png' as const };
}

export type PageEdit = { kind: 'rotate'; quarterTurns: QuarterTurns } | { kind: 'crop'; box: CropBox } | { kind: 'deskew' } | { kind: 'restore' };

/** Turns, crops or straightens one tray page, or puts back the image as scanned. */
export async function editTrayPage(ctx: CoreContext, user: UserRecord, pageId: string, edit: PageEdit) {
  const page = capturePages(ctx.db, user.id).find((p) => p.id === pageId);
  if (!page) throw new AppError('not-found', 'capture-page');
  const current = ctx.blobs.get(page.sha256, trayPageName(page));
  let image: Buffer;
  try {
    if (edit.kind === 'restore') image = page.originalSha256 ? ctx.blobs.get(page.originalSha256, trayPageName(page)) : current;
    else if (edit.kind === 'rotate') image = await rotated(current, edit.quarterTurns);
    else if (edit.kind === 'crop') image = await cropped(current, edit.box);
    else image = (await deskewed(current))?.png ?? current;
  } catch (error) {
    if (error instanceof PageEditError) throw new AppError('invalid-input', `capture-${error.problem}`);
    throw error;
  }
  const sha256 = ctx.blobs.put(image);
  const originalSha256 = edit.kind === 'restore' ? null : (page.originalSha256 ?? (sha256 === page.sha256 ? null : page.sha256));
  inTransaction(ctx, () => {
    if (!setCaptureImage(ctx.db, user.id, pageId, { sha256, ...pngSize(image), originalSha256 })) throw new AppError('conflict', 'capture-changed');
    appendEvent(ctx.db, { at: ctx.now().toISOString(), actorId: user.id, entity: 'user', entityId: user.id, type: 'page.edited', payload: { pageId, edit } });
    ctx.ocr.queueTrayPages([{ sha256, resolution: page.resolution }]);
  });
  return trayOf(ctx, user);
}

/** Tray pages that look blank (empty backs, separator sheets): proposed for dropping, not dropped. */
export async function blankTrayPages(ctx: CoreContext, user: UserRecord): Promise<string[]> {
  const pages = capturePages(ctx.db, user.id);
  const blank = await Promise.all(pages.map((p) => isBlankPage(ctx.blobs.get(p.sha256, trayPageName(p)))));
  return pages.filter((_, i) => blank[i]).map((p) => p.id);
}

/** Puts the tray in the given order; pages left out of the list are dropped from it. */
export function arrangeTray(ctx: CoreContext, user: UserRecord, pageIds: string[]) {
  if (new Set(pageIds).size !== pageIds.length) throw new AppError('invalid-input', 'capture-page-listed-twice');
  return inTransaction(ctx, () => {
    const pages = capturePages(ctx.db, user.id);
    const known = new Set(pages.map((p) => p.id));
    if (pageIds.some((id) => !known.has(id))) throw new AppError('invalid-input', 'capture-page-unknown');
    pageIds.forEach((id, i) => setCapturePosition(ctx.db, user.id, id, i + 1));
    for (const page of pages) if (!pageIds.includes(page.id)) deleteCapturePage(ctx.db, user.id, page.id);
    return trayOf(ctx, user);
  });
}

/** The chosen tray pages, in the order given, become one PDF in a document slot, and leave the tray. */
export async function attachFromTray(
  ctx: CoreContext,
  user: UserRecord,
  input: { applicationId: string; slotCode: string; pageIds: string[] },
): Promise<ApplicationDetail> {
  const pages = capturePages(ctx.db, user.id);
  const chosen = input.pageIds.map((id) => pages.find((p) => p.id === id));
  if (chosen.length === 0 || chosen.some((p) => !p) || new Set(input.pageIds).size !== input.pageIds.length) throw new AppError('invalid-input', 'capture-page-unknown');
  // Usually read already, in the background after the scan; otherwise read now. A page OCR cannot read
  // does not stop the attachment: the document is then read again in the background.
  const texts = await Promise.all(chosen.map((p) => ctx.ocr.pageText({ sha256: p!.sha256, resolution: p!.resolution }).catch(() => null)));
  const { pdf } = await compactPdf(
    chosen.map((p, i) => ({ image: ctx.blobs.get(p!.sha256, trayPageName(p!)), resolution: p!.resolution, text: texts[i] })),
    { title: `${input.slotCode} ${ctx.now().toISOString().slice(0, 10)}`, font: fontBytes('DejaVuSans.ttf'), created: ctx.now() },
  );
  const fileName = `scan-${input.slotCode}-${ctx.now().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.pdf`;
  const recognisedText = texts.every((t) => t !== null) ? joinPageTexts(texts.map((t) => t.text)) : undefined;
  return attachBytes(ctx, { applicationId: input.applicationId, slotCode: input.slotCode, fileName, bytes: pdf, recognisedText }, user, {
    call: 'scanner.attach',
    work: () => {
      // Same transaction as the document: the pages must still be in the tray, and leave it now.
      const still = new Set(capturePages(ctx.db, user.id).map((p) => p.id));
      if (input.pageIds.some((id) => !still.has(id))) throw new AppError('conflict', 'capture-changed');
      for (const id of input.pageIds) deleteCapturePage(ctx.db, user.id, id);
    },
  });
}
