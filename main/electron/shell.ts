import { app, BrowserWindow, ipcMain, Menu, protocol, session, type WebFrameMain } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { IPC_CHANNEL } from '../../domain/api/contract';
import type { Dispatch } from '../router';
import { CONTENT_SECURITY_POLICY } from '../security';

/**
 * The Electron shell, kept thin: window, app:// protocol, the IPC binding and the hardening of
 * Electron's security checklist. Everything else is the core, which tests exercise without Electron.
 */
const SCHEME = 'app';
const ORIGIN = `${SCHEME}://ajo`;
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

function isTrustedSender(frame: WebFrameMain | null): boolean {
  return frame !== null && new URL(frame.url).origin === ORIGIN;
}

export interface ShellOptions {
  dispatch: Dispatch;
  rendererDir: string;
  preloadPath: string;
  onQuit: () => Promise<void> | void;
}

export function runShell(options: ShellOptions): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (new URL(url).origin !== ORIGIN) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.whenReady().then(() => {
    const root = resolve(options.rendererDir);
    protocol.handle(SCHEME, async (request) => {
      const { pathname, host } = new URL(request.url);
      const file = resolve(root, decodeURIComponent(pathname).replace(/^\/+/, '') || 'index.html');
      if (host !== 'ajo' || !file.startsWith(root + sep)) return new Response('not found', { status: 404 });
      try {
        return new Response(await readFile(file), {
          headers: { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY },
        });
      } catch {
        return new Response('not found', { status: 404 });
      }
    });
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);

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
    void window.loadURL(`${ORIGIN}/index.html`);
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void options.onQuit());
}

export function rendererDirFrom(appDir: string): string {
  return join(appDir, 'dist', 'renderer');
}
