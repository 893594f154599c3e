import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Run as root (as CI is), the tests can ask another account what it may read; otherwise they check the modes alone. */
export const CAN_SWITCH_USER = process.getuid?.() === 0;

/** Every file and folder under a path, the path included. */
export function everythingUnder(path: string): string[] {
  const stat = statSync(path);
  return stat.isDirectory() ? [path, ...readdirSync(path).flatMap((name) => everythingUnder(join(path, name)))] : [path];
}

/** Those of the paths the system's `nobody` can read (a file) or list (a folder): one `runuser` for them all. */
export function readableByNobody(paths: string[]): string[] {
  const script = 'while IFS= read -r f; do if [ -d "$f" ]; then ls "$f" >/dev/null 2>&1 && echo "$f"; else head -c1 "$f" >/dev/null 2>&1 && echo "$f"; fi; done';
  const run = spawnSync('runuser', ['-u', 'nobody', '--', 'sh', '-c', script], { input: paths.join('\n') + '\n', encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1) throw new Error(`runuser failed: ${run.stderr}`);
  return run.stdout.split('\n').filter(Boolean);
}

/** What in the tree lets anyone but its owner in: group or other bits on a folder or a file. */
export function openToOthers(root: string): string[] {
  return everythingUnder(root).filter((p) => (statSync(p).mode & 0o077) !== 0 && !statSync(p).isSocket());
}
