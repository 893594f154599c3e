import { readFileSync } from 'node:fs';
import { createClient, memorySession, type ApiClient } from '../../domain/api/client';
import { createCore, type Core } from '../../main/core';
import type { DemoPki } from '../../main/demo/seed';
import type { NcaSimulator } from '../../registry/pki/nca';
import type { RunningSimulator } from '../../registry/simulators/server';
import { seedDemoOffice, startDemoWorld } from '../../bin/demo';
import { saneTestConfig } from './sane';
import { tempDir } from './temp';

export interface TestCore {
  core: Core;
  dataDir: string;
  simulators: RunningSimulator;
  /** The demo NCA on the simulators' server: its CRLs, OCSP responder and TSA. */
  nca: NcaSimulator;
  pki: DemoPki;
  /** A fresh client with its own session, like one more window. */
  client(): ApiClient;
  /** The clerk's demo key, as registration takes it. */
  clerkKey(): { keyFileBase64: string; keyPassword: string };
  /** Sets the SANE test device's test.conf for the scans that follow (its defaults plus these). */
  saneDevice(settings: Record<string, string>): void;
  /** A client already logged in as a demo user. */
  as(username: 'admin' | 'clerk' | 'executor' | 'head'): Promise<ApiClient>;
  close(): Promise<void>;
}

/** The real core on a real SQLite file, with the demo data and the simulators on loopback. */
export async function startTestCore(options: { now?: () => Date; idleSessionMs?: number; onInternalError?: (error: unknown, channel: string) => void } = {}): Promise<TestCore> {
  const dir = tempDir();
  const sane = saneTestConfig();
  const { simulators, nca } = await startDemoWorld(dir.path, { createNca: true, ...(options.now ? { now: options.now } : {}) });
  const core = createCore({
    dataDir: dir.path,
    gatewayUrl: simulators.url,
    validateResults: true,
    // AJO_TEST_DEBUG=1 prints what the core reports as internal errors (silent otherwise: some tests provoke them).
    onInternalError: process.env.AJO_TEST_DEBUG ? (error, channel) => console.error(channel, error) : () => undefined,
    sane: { env: sane.env },
    escl: { retryDelayMs: 10 },
    // Tests look into hot folders themselves (checkHotFolders), and a file settles at the second look.
    hotFolders: { poll: false, stableMs: 0 },
    ...options,
  });
  const pki = (await seedDemoOffice(core, dir.path, nca!))!;
  const client = () => createClient((envelope) => core.dispatch(envelope), memorySession());
  return {
    core,
    dataDir: dir.path,
    simulators,
    nca: nca!,
    pki,
    client,
    saneDevice: sane.set,
    clerkKey: () => ({ keyFileBase64: readFileSync(pki.clerkKeyFile).toString('base64'), keyPassword: 'demo-key-password' }),
    async as(username) {
      const c = client();
      await c['auth.login']({ username, password: 'demo-password' });
      return c;
    },
    async close() {
      await core.close();
      await simulators.close();
      dir.remove();
      sane.remove();
    },
  };
}
