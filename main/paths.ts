import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root in a checkout; in a packaged app, where the bundler put the assets. */
export function appRoot(): string {
  return process.env.AJO_APP_ROOT ?? resolve(dirname(fileURLToPath(import.meta.url)), '..');
}

export function assetsDir(): string {
  return join(appRoot(), 'assets');
}

/** AJO_DATA_DIR, else the platform's user data folder (the same place Electron's userData points to). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AJO_DATA_DIR) return resolve(env.AJO_DATA_DIR);
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'ajo');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'ajo');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'ajo');
}
