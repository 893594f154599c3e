import { resolve, sep } from 'node:path';

/**
 * Maps a URL path to a file inside `root`, or null when it would leave it (`..`, encoded slashes,
 * absolute paths). Both hosts of the renderer use it: the app:// protocol and the web host.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const file = resolve(base, decoded.replace(/^\/+/, '') || 'index.html');
  return file.startsWith(base + sep) ? file : null;
}

export const STATIC_MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * Electron: only frames showing our own app:// origin may call the core. Compared by scheme and host:
 * Node's URL gives a custom scheme the opaque origin "null".
 */
export const APP_ORIGIN = 'app://ajo';
export function isAppFrameUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'app:' && parsed.host === 'ajo';
  } catch {
    return false;
  }
}
