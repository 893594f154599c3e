// A throwaway PostgreSQL server for the registry's tests: Debian's binaries, a cluster in a temporary
// folder, trust authentication on loopback, a free port. PostgreSQL refuses to run as root, so as root
// the cluster belongs to the `postgres` user (which Debian's package creates) and runs as it.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function binDir() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : null;
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts the server; returns its URL and a stop function, or null (with the reason) where it cannot. */
export async function startTestPostgres() {
  const bin = binDir();
  if (!bin) return { url: null, reason: 'no PostgreSQL binaries under /usr/lib/postgresql', stop: () => undefined };
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'ajo-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const run = (command, args) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]] : [join(bin, command), args];
    return execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  };
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    run('pg_ctl', ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { url: null, reason: `PostgreSQL did not start: ${error.stderr?.toString() ?? error.message}`, stop: () => undefined };
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    reason: null,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } catch {
        // Already gone.
      }
      spawnSync('rm', ['-rf', dir]);
    },
  };
}
