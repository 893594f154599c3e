import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { publishCertificates } from '../../registry/reference/publish';
import type { RegistryDb } from '../../registry/db/sql';
import { randomBytes } from 'node:crypto';
import { startRegistry, type RunningRegistry } from '../../registry/server/serve';
import type { RegistryServerOptions } from '../../registry/server/http';
import type { RegistryStorage } from '../../registry/db/open';
import { tempDir } from './temp';

/**
 * Where the registry's tests keep its data: PGlite in a folder always, and a real PostgreSQL when
 * AJO_TEST_POSTGRES_URL names a server the tests may create databases on (`.ci/run` starts one).
 */
export const REGISTRY_BACKENDS: ('pglite' | 'postgres')[] = process.env.AJO_TEST_POSTGRES_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestRegistryStorage {
  storage: RegistryStorage;
  remove(): Promise<void>;
}

/** A fresh, empty place for one registry: a folder for PGlite, or a new database on the test server. */
export async function freshRegistryStorage(backend: 'pglite' | 'postgres'): Promise<TestRegistryStorage> {
  const dir = tempDir('ajo-registry-');
  if (backend === 'pglite') return { storage: { dataDir: dir.path }, remove: async () => dir.remove() };
  const admin = new pg.Client({ connectionString: process.env.AJO_TEST_POSTGRES_URL });
  await admin.connect();
  const name = `ajo_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.AJO_TEST_POSTGRES_URL!);
  url.pathname = `/${name}`;
  return {
    storage: { databaseUrl: url.toString(), dataDir: dir.path },
    async remove() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      dir.remove();
    },
  };
}

export async function startTestRegistry(
  backend: 'pglite' | 'postgres',
  options: Omit<RegistryServerOptions, 'db'> = {},
): Promise<RunningRegistry & { storage: TestRegistryStorage }> {
  const storage = await freshRegistryStorage(backend);
  const registry = await startRegistry(storage.storage, { port: 0, publicPort: 0, onInternalError: (error) => console.error('registry internal error', error), ...options });
  return {
    ...registry,
    storage,
    async close() {
      await registry.close();
      await storage.remove();
    },
  };
}

const AJO = fileURLToPath(new URL('../../bin/ajo.mjs', import.meta.url));

/** One `ajo registry serve` process on that storage (a database URL or a PGlite folder); resolves with its address once it listens. */
export function serveRegistryProcess(storage: ({ databaseUrl: string } | { dataDir: string }) & { keyFile?: string }): Promise<{ child: ChildProcess; url: string }> {
  const where = [...('databaseUrl' in storage ? ['--database-url', storage.databaseUrl] : ['--data-dir', storage.dataDir]), ...(storage.keyFile ? ['--key-file', storage.keyFile] : [])];
  const child = spawn(process.execPath, [AJO, 'registry', 'serve', ...where, '--port', '0', '--public-port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, url: (JSON.parse(line) as { url: string }).url }));
    child.once('exit', (code) => reject(new Error(`registry exited with ${code}`)));
  });
}

/** Stops a registry process and waits until it is gone. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await gone;
}

/** The registry trusts this NCA root (a PEM file, as the demo PKI writes it). */
/** Every certificate of a PEM file (the demo's holds its GOST 2015 and its RSA root). */
export async function trustRootPem(db: RegistryDb, pemFile: string): Promise<number> {
  const ders = [...readFileSync(pemFile, 'latin1').matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
  return (await publishCertificates(db, ders)).filter((p) => p.published).length;
}
