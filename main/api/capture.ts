import type { captureCalls } from '../../domain/api/capture';
import type { EsclDriver } from '../../scanner/escl/escl-driver';
import type { CoreContext } from '../context';
import type { HotFolders } from '../services/hot-folders';
import { addNetworkScanner, removeNetworkScanner } from '../services/network-scanners';
import {
  arrangeTray,
  attachFromTray,
  blankTrayPages,
  cancelImport,
  editTrayPage,
  importIntoTray,
  scanCapabilities,
  scanDevices,
  scanIntoTray,
  scanProgress,
  trayOf,
  trayPageImage,
  type Scanners,
} from '../services/capture';
import { fromBase64, signedIn, type AreaHandlers } from './caller';

/** What scanning works with beside the context: the drivers, the network scanner client, the scan folders. */
export interface CaptureDevices {
  scanners: Scanners;
  escl: EsclDriver;
  hotFolders: HotFolders;
}

export function captureHandlers(ctx: CoreContext, { scanners, escl, hotFolders }: CaptureDevices): AreaHandlers<typeof captureCalls> {
  return {
    'scanner.devices': async () => ({ devices: await scanDevices(scanners) }),
    'scanner.capabilities': (a) => scanCapabilities(scanners, a.deviceId),
    'scanner.addNetwork': (a, c) => addNetworkScanner(ctx, escl, signedIn(c), a.address),
    'scanner.removeNetwork': (a, c) => removeNetworkScanner(ctx, signedIn(c), a.deviceId),
    'scanner.scanProgress': (_a, c) => scanProgress(scanners, signedIn(c)),
    'scanner.scan': (a, c) => scanIntoTray(ctx, scanners, signedIn(c), a.deviceId, { source: a.source, mode: a.mode, resolution: a.resolution }),
    'scanner.import': (a, c) => importIntoTray(ctx, scanners, signedIn(c), { fileName: a.fileName, bytes: fromBase64(a.contentBase64) }),
    'scanner.cancel': (_a, c) => cancelImport(scanners, signedIn(c)),
    'scanner.tray': (_a, c) => ({ pages: trayOf(ctx, signedIn(c)) }),
    'scanner.hotFolder': (_a, c) => hotFolders.status(signedIn(c)),
    'scanner.setHotFolder': (a, c) => hotFolders.set(signedIn(c), a.path),
    'scanner.hotFolderPolicy': () => hotFolders.policy(),
    'scanner.setHotFolderPolicy': (a, c) => hotFolders.setPolicy(signedIn(c), a),
    'scanner.pageImage': (a, c) => trayPageImage(ctx, signedIn(c), a.pageId),
    'scanner.editPage': async (a, c) => ({ pages: await editTrayPage(ctx, signedIn(c), a.pageId, a.edit) }),
    'scanner.blankPages': async (_a, c) => ({ pageIds: await blankTrayPages(ctx, signedIn(c)) }),
    'scanner.arrange': (a, c) => ({ pages: arrangeTray(ctx, signedIn(c), a.pageIds) }),
    'scanner.attach': (a, c) => attachFromTray(ctx, signedIn(c), a),
  };
}
