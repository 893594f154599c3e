import { app, safeStorage } from 'electron';
import { join } from 'node:path';
import { createCore } from '../main/core';
import { runShell, rendererDirFrom } from '../main/electron/shell';
import { startSimulators } from '../registry/simulators/server';

/**
 * Composition root of the desktop app (bundled to dist/electron/main.cjs). Embedded defaults: the
 * database in the user data folder, the state-database simulators in-process unless
 * AJO_GATEWAY_URL names a real gateway.
 */
async function start() {
  const appDir = app.getAppPath();
  process.env.AJO_APP_ROOT ??= appDir;
  const dataDir = process.env.AJO_DATA_DIR ?? app.getPath('userData');
  const simulators = process.env.AJO_GATEWAY_URL ? null : await startSimulators();
  // The desk's sealing key wrapped by the OS keystore (DPAPI, Keychain, libsecret) where it has one (known once the app is ready).
  await app.whenReady();
  const keyProtection = safeStorage.isEncryptionAvailable()
    ? { encrypt: (plain: Buffer) => safeStorage.encryptString(plain.toString('base64')), decrypt: (wrapped: Buffer) => Buffer.from(safeStorage.decryptString(wrapped), 'base64') }
    : undefined;
  const core = createCore({ dataDir, gatewayUrl: process.env.AJO_GATEWAY_URL ?? simulators!.url, discoverScanners: true, syncEveryMs: 30_000, keyProtection });
  runShell({
    dispatch: core.dispatch,
    rendererDir: rendererDirFrom(appDir),
    preloadPath: join(appDir, 'dist', 'electron', 'preload.cjs'),
    onQuit: async () => {
      await core.close();
      await simulators?.close();
    },
  });
}

void start();
