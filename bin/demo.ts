import { join } from 'node:path';
import type { Core } from '../main/core';
import { DEMO_KEY_PASSWORD, DEMO_KEYS, seedDemo, type DemoPki } from '../main/demo/seed';
import { writeDemoPki } from '../registry/pki/demo-pki';
import { NcaSimulator } from '../registry/pki/nca';
import { startSimulators, type RunningSimulator } from '../registry/simulators/server';

/**
 * The demo's external world: the state-database simulators and a demo NCA whose addresses (CRLs, OCSP,
 * TSA) are in the demo certificates. The NCA is kept in the data folder so a restarted demo still
 * answers for the certificates it issued, on the same port when that is free.
 */
const ncaDir = (dataDir: string) => join(dataDir, 'demo-pki', 'nca');

export async function startDemoWorld(dataDir: string, options: { createNca: boolean; now?: () => Date }): Promise<{ simulators: RunningSimulator; nca: NcaSimulator | null }> {
  const clock = options.now ?? (() => new Date());
  const saved = NcaSimulator.exists(ncaDir(dataDir)) ? NcaSimulator.load(ncaDir(dataDir), clock) : null;
  const savedPort = saved ? Number(new URL(saved.baseUrl).port) : 0;
  const simulators = await startSimulators({}, savedPort).catch(() => startSimulators());
  const nca = saved ?? (options.createNca ? NcaSimulator.create(simulators.url, clock(), clock) : null);
  if (nca) {
    simulators.setNca(nca);
    nca.save(ncaDir(dataDir));
  }
  return { simulators, nca };
}

/** Seeds demo users into a fresh database with keys from the demo NCA; null when the database already has users. */
export function seedDemoOffice(core: Core, dataDir: string, nca: NcaSimulator): Promise<DemoPki | null> {
  return seedDemo(core.ctx, () => {
    const files = writeDemoPki(nca, join(dataDir, 'demo-pki'), DEMO_KEYS, DEMO_KEY_PASSWORD, core.ctx.now());
    nca.save(ncaDir(dataDir));
    return files;
  });
}
