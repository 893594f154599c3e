import { app, BrowserWindow, ipcMain, Menu, protocol, session, type WebFrameMain } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { IPC_CHANNEL } from '../../domain/api/contract';
import type { Dispatch } from '../api/router';
import { CONTENT_SECURITY_POLICY } from '../security';
import { APP_ORIGIN, isAppFrameUrl, resolveInside, STATIC_MIME } from '../static-files';
import { guardWebContents } from './web-contents-guard';
import { permissionAllowed } from './permissions';

/**
 * The Electron shell, kept thin: window, app:// protocol, the IPC binding and the hardening of
 * Electron's security checklist. Everything else is the core, which tests exercise without Electron.
 */
const SCHEME = 'app';

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

function isTrustedSender(frame: WebFrameMain | null): boolean {
  return frame !== null && isAppFrameUrl(frame.url);
}

export interface ShellOptions {
  dispatch: Dispatch;
  rendererDir: string;
  preloadPath: string;
  onQuit: () => Promise<void> | void;
}

export function runShell(options: ShellOptions): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

  app.whenReady().then(() => {
    protocol.handle(SCHEME, async (request) => {
      const url = new URL(request.url);
      const file = isAppFrameUrl(request.url) ? resolveInside(options.rendererDir, url.pathname) : null;
      if (!file) return new Response('not found', { status: 404 });
      try {
        return new Response(await readFile(file), {
          headers: { 'content-type': STATIC_MIME[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY },
        });
      } catch {
        return new Response('not found', { status: 404 });
      }
    });
    session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionAllowed(permission)));
    session.defaultSession.setPermissionCheckHandler((_wc, permission) => permissionAllowed(permission));

    ipcMain.handle(IPC_CHANNEL, (event, envelope) => {
      if (!isTrustedSender(event.senderFrame)) throw new Error('IPC from an untrusted frame');
      const e = (envelope ?? {}) as Record<string, unknown>;
      return options.dispatch({ channel: e.channel, args: e.args, session: e.session ?? null });
    });

    Menu.setApplicationMenu(
      Menu.buildFromTemplate([
        { role: 'fileMenu' },
        { role: 'editMenu' },
        { label: 'Көрініс / Вид', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { role: 'togglefullscreen' }] },
      ]),
    );

    const window = new BrowserWindow({
      width: 1280,
      height: 860,
      title: 'АЖО',
      webPreferences: {
        preload: options.preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
      },
    });
    void window.loadURL(`${APP_ORIGIN}/index.html`);
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void options.onQuit());
}

export function rendererDirFrom(appDir: string): string {
  return join(appDir, 'dist', 'renderer');
}
