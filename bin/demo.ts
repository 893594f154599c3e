import { join } from 'node:path';
import { getAuthority } from '../db/repositories/authority';
import { getEnrolment } from '../db/repositories/registry-link';
import { enrolDesk } from '../main/sync/enrol';
import { publishCertificates } from '../registry/reference/publish';
import { DEFAULT_PUBLIC_PORT, DEFAULT_SYNC_PORT, withAdminSocket } from '../registry/cli';
import { issueEnrolmentCode } from '../registry/enrolment/enrolment';
import { startRegistry, type RunningRegistry } from '../registry/server/serve';
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

/**
 * The registry on its embedded default (PGlite in the data folder), on its usual ports when they are
 * free. With AJO_REGISTRY_URL set, the desk talks to that registry instead and none is started here.
 */
export async function startEmbeddedRegistry(dataDir: string): Promise<RunningRegistry> {
  const storage = { dataDir: join(dataDir, 'registry') };
  let registry: RunningRegistry;
  try {
    registry = await startRegistry(storage, { port: DEFAULT_SYNC_PORT, publicPort: DEFAULT_PUBLIC_PORT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    registry = await startRegistry(storage, { port: 0, publicPort: 0 });
  }
  // `ajo registry enroll-office --data-dir DATA/registry` and the like reach it while it runs.
  return withAdminSocket(registry, storage, process.env);
}

/** The demo office enrolled with the embedded registry, which trusts the demo NCA (both its roots); a no-op once enrolled. */
export async function enrolDemoDesk(core: Core, registry: RunningRegistry, nca: NcaSimulator): Promise<boolean> {
  if (getEnrolment(core.ctx.db)) return false;
  const authority = getAuthority(core.ctx.db);
  if (!authority) return false;
  await publishCertificates(registry.db, [nca.gost.root.certificateDer, nca.rsa.root.certificateDer]);
  const { code } = await issueEnrolmentCode(registry.db, { authorityBin: authority.bin, officeCode: authority.officeCode }, core.ctx.now());
  await enrolDesk(core.ctx, { registryUrl: registry.url, code, deskName: 'demo desk' });
  return true;
}
