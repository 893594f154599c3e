import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, posix, win32 } from 'node:path';
import { scanFormatOf } from '../import-file';
import { fingerprintOf, isJunkFileName, REJECTED_FOLDER, TAKEN_FOLDER } from './hot-folder-watcher';

/**
 * Which folders may be a scan folder at all. The watcher takes files out of its folder, so pointing it
 * at the wrong one (a system directory, someone's home, a folder of office files) would empty it. A
 * scan folder must lie inside a folder the administrator allowed; it is never a system location, a
 * folder that holds everyone's things (a drive's root, /home, /tmp), a home directory itself, and it
 * holds nothing but scans when it is chosen.
 */
export type FolderProblem = 'hot-folder-system-folder' | 'hot-folder-home-folder' | 'hot-folder-not-allowed';

/** The machine the rules are applied on (tests pass others: a Windows office PC, say). */
export interface Machine {
  platform: NodeJS.Platform;
  home: string;
  env: NodeJS.ProcessEnv;
}

export const thisMachine = (): Machine => ({ platform: process.platform, home: homedir(), env: process.env });

const POSIX_SYSTEM = ['/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/libx32', '/proc', '/root', '/run', '/sbin', '/sys', '/usr', '/var', '/snap', '/System', '/Library', '/Applications', '/private', '/cores'];
/** They hold everyone's things: a folder inside may be a scan folder, never these themselves. */
const POSIX_SHARED = ['/', '/home', '/Users', '/mnt', '/media', '/srv', '/opt', '/tmp', '/Volumes'];

function pathsOf(machine: Machine) {
  const path = machine.platform === 'win32' ? win32 : posix;
  // Windows and macOS name files without regard to case.
  const fold = (p: string) => (machine.platform === 'win32' || machine.platform === 'darwin' ? p.toLowerCase() : p);
  const same = (a: string, b: string) => fold(path.resolve(a)) === fold(path.resolve(b));
  const inside = (outer: string, inner: string) => {
    const rel = path.relative(fold(path.resolve(outer)), fold(path.resolve(inner)));
    return rel === '' || (rel.split(path.sep)[0] !== '..' && !path.isAbsolute(rel));
  };
  return { path, same, inside };
}

function systemFolders(machine: Machine): { within: string[]; exactly: string[] } {
  if (machine.platform !== 'win32') return { within: POSIX_SYSTEM, exactly: POSIX_SHARED };
  const env = machine.env;
  const within = [env.SystemRoot ?? env.windir ?? 'C:\\Windows', env.ProgramFiles, env['ProgramFiles(x86)'], env.ProgramData, 'C:\\$Recycle.Bin', 'C:\\System Volume Information'];
  return { within: within.filter((p): p is string => Boolean(p)), exactly: [env.PUBLIC].filter((p): p is string => Boolean(p)) };
}

/** Folders whose every child is someone's home. Root's home (/root) says nothing about its neighbours. */
function homeParents(machine: Machine): string[] {
  const { path } = pathsOf(machine);
  const parent = path.dirname(path.resolve(machine.home));
  const usual = machine.platform === 'win32' ? [`${machine.env.SystemDrive ?? 'C:'}\\Users`] : ['/home', '/Users'];
  return path.parse(parent).root === parent ? usual : [parent, ...usual];
}

/** Why this folder (a real path, links resolved) can never be a scan folder or an allowed root; null if it can. */
export function folderProblem(folder: string, machine: Machine = thisMachine()): FolderProblem | null {
  const { path, same, inside } = pathsOf(machine);
  const system = systemFolders(machine);
  if (path.parse(path.resolve(folder)).root === path.resolve(folder)) return 'hot-folder-system-folder';
  if (system.within.some((s) => inside(s, folder)) || system.exactly.some((s) => same(s, folder))) return 'hot-folder-system-folder';
  // The user's own home, and every home beside it (C:\Users\*, /home/*): their documents are there.
  if (same(folder, machine.home) || homeParents(machine).some((parent) => same(folder, parent) || same(path.dirname(path.resolve(folder)), parent))) {
    return 'hot-folder-home-folder';
  }
  return null;
}

/** The folder lies inside (or is) one of the roots the administrator allowed. */
export function isUnderAllowedRoot(folder: string, roots: readonly string[], machine: Machine = thisMachine()): boolean {
  const { inside } = pathsOf(machine);
  return roots.some((root) => inside(root, folder));
}

export interface FolderContents {
  /** The files there now (name → fingerprint): the watcher leaves them as they are. */
  existing: Map<string, string>;
  /** The first entry that is not a scan (a document, a program, a link, a folder of other things), if any. */
  foreign: string | null;
}

/**
 * What a folder holds as it is chosen: only scans (PDF, JPEG, PNG, TIFF by their first bytes), the
 * junk systems leave, and the app's own subfolders are expected. Links are not followed.
 */
export async function folderContents(folder: string): Promise<FolderContents> {
  const existing = new Map<string, string>();
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const name = entry.name;
    if (entry.isDirectory() && (name === TAKEN_FOLDER || name === REJECTED_FOLDER)) continue;
    if (isJunkFileName(name) && !entry.isSymbolicLink()) continue;
    const file = join(folder, name);
    const info = await lstat(file);
    if (!info.isFile() || !(await startsLikeAScan(file))) return { existing, foreign: name };
    existing.set(name, fingerprintOf(info));
  }
  return { existing, foreign: null };
}

async function startsLikeAScan(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    const head = Buffer.alloc(16);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return scanFormatOf(head.subarray(0, bytesRead)) !== null;
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}
