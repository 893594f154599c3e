import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export class FolderLocked extends Error {
  constructor(readonly folder: string, readonly holder: string) {
    super(`the registry's data folder ${folder} is in use by another process (${holder}); stop it first`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite takes no lock on its folder, and two processes on one folder corrupt it: the registry takes
 * one itself, a file created exclusively with its process id. A lock left by a process that is gone
 * (killed, crashed) is taken over; one held by a live process on this host (this one included: a
 * second open in one process corrupts it as well) refuses the second start.
 */
export function lockFolder(folder: string): () => void {
  const file = join(folder, 'registry.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname() }));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: { pid?: number; host?: string } = {};
      try {
        holder = JSON.parse(readFileSync(file, 'utf8')) as typeof holder;
      } catch {
        // Written halfway by a process killed at that moment: nobody holds it.
      }
      const sameHost = holder.host === undefined || holder.host === hostname();
      if (sameHost && typeof holder.pid === 'number' && alive(holder.pid)) throw new FolderLocked(folder, `pid ${holder.pid}`);
      if (!sameHost) throw new FolderLocked(folder, `host ${holder.host}`);
      rmSync(file, { force: true });
    }
  }
  throw new FolderLocked(folder, 'unknown');
}
