import { createHash } from 'node:crypto';
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { join } from 'node:path';

/** What an operator's command printed, and its exit code. */
export interface AdminAnswer {
  code: number;
  out: string[];
  err: string[];
}

export type AdminRunner = (argv: string[], io: { out: (line: string) => void; err: (line: string) => void }) => Promise<number>;

const MAX_REQUEST_BYTES = 64 * 1024;

/** Where a registry serving an embedded (PGlite) folder takes operators' commands: beside its data, this OS user's only. */
export function adminSocketPath(dataDir: string): string {
  if (process.platform === 'win32') return `\\\\.\\pipe\\ajo-registry-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`;
  return join(dataDir, 'admin.sock');
}

/**
 * PGlite lets one process open its folder, so while the embedded registry runs, `ajo registry
 * enroll-office` and the like cannot open it themselves: they hand their command to the running
 * registry here, which runs it on its own database. The socket lives in the data folder with mode 0600:
 * only the OS user who may open that folder anyway can use it.
 */
export async function listenForAdmin(dataDir: string, run: AdminRunner): Promise<{ close(): Promise<void> }> {
  const path = adminSocketPath(dataDir);
  // A socket's path must fit sun_path (104 bytes on macOS, 108 on Linux); a longer one would be cut short.
  if (process.platform !== 'win32' && Buffer.byteLength(path) > 103) throw new Error('the folder path is too long for a socket');
  // A socket file left by a registry that was killed: the folder lock says this process owns the folder now.
  if (process.platform !== 'win32') rmSync(path, { force: true });
  const server: Server = createServer((socket) => {
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.length > MAX_REQUEST_BYTES) return socket.destroy();
      const end = received.indexOf('\n');
      if (end === -1) return;
      void answer(received.slice(0, end)).then((reply) => socket.end(`${JSON.stringify(reply)}\n`));
    });
    socket.on('error', () => socket.destroy());
  });
  async function answer(line: string): Promise<AdminAnswer> {
    const reply: AdminAnswer = { code: 2, out: [], err: [] };
    let argv: unknown;
    try {
      argv = (JSON.parse(line) as { argv?: unknown }).argv;
    } catch {
      argv = null;
    }
    if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string') || argv[0] === 'serve') {
      reply.err.push('ajo registry: not a command the running registry takes');
      return reply;
    }
    reply.code = await run(argv, { out: (l) => reply.out.push(l), err: (l) => reply.err.push(l) });
    return reply;
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      server.close();
      reject(error);
    });
    server.listen(path, () => resolve());
  });
  try {
    // The socket must be at the path asked for (a path too long for one is cut short by some systems).
    if (process.platform !== 'win32') chmodSync(path, 0o600);
  } catch (error) {
    server.close();
    throw error;
  }
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if (process.platform !== 'win32') rmSync(path, { force: true });
      }),
  };
}

/** The running registry's socket for this folder, if there is one. */
export function runningAdminSocket(dataDir: string): string | null {
  const path = adminSocketPath(dataDir);
  return process.platform === 'win32' || existsSync(path) ? path : null;
}

/** Sends a command to the registry running on this folder and gives back what it printed. */
export function sendToRunning(path: string, argv: string[]): Promise<AdminAnswer> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    let received = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify({ argv })}\n`));
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('end', () => {
      try {
        resolve(JSON.parse(received) as AdminAnswer);
      } catch {
        reject(new Error('the running registry did not answer'));
      }
    });
    socket.on('error', reject);
  });
}
