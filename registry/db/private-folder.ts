import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The registry's folder readable by its own user only (0700), and what the registry writes in it 0600
 * (the database's folder walked whole: PGlite's WASM file system writes 0666). The folder's own mode is
 * what guards files made later (new WAL segments): no other user can enter it. A folder that is not this
 * user's, or a shared one (sticky, as /tmp), is never changed: the registry's folder must be its own.
 */
export function keepPrivate(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  // Windows keeps a user's folders by ACL, not by these modes.
  if (process.platform === 'win32') return;
  const top = statSync(folder);
  if (top.uid !== process.getuid?.() || (top.mode & 0o1000) !== 0) throw new SharedFolder(folder);
  if ((top.mode & 0o777) !== 0o700) chmodSync(folder, 0o700);
  const walk = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      if ((stat.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
      for (const name of readdirSync(path)) walk(join(path, name));
    } else if (stat.isFile() && (stat.mode & 0o077) !== 0) chmodSync(path, 0o600);
  };
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (name === 'pgdata' || /^registry\.(key|lock)$/.test(name)) walk(path);
  }
}

export class SharedFolder extends Error {
  constructor(readonly folder: string) {
    super(`${folder} is not this user's own folder (or is shared, as /tmp is): give the registry a folder of its own (--data-dir)`);
  }
}
