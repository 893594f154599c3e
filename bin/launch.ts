import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../main/core';
import { DEMO_KEY_PASSWORD, DEMO_PASSWORD } from '../main/demo/seed';
import { appRoot, defaultDataDir } from '../main/paths';
import { startWebHost } from '../main/web-host/server';
import { enrolDemoDesk, seedDemoOffice, startDemoWorld, startEmbeddedRegistry } from './demo';

const { values } = parseArgs({
  options: {
    demo: { type: 'boolean', default: false },
    web: { type: 'boolean', default: false },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
  },
});
const dataDir = values['data-dir'] ?? defaultDataDir();
/** How often the desk syncs with the registry when all is well (it backs off while the registry is away). */
const SYNC_EVERY_MS = 30_000;

function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const world = process.env.AJO_GATEWAY_URL ? null : await startDemoWorld(dataDir, { createNca: values.demo });
// Said aloud: a real gateway means the demo world is not started, its NCA's OCSP, CRLs and time-stamps with it.
if (!world) console.log(`State databases: ${process.env.AJO_GATEWAY_URL} (AJO_GATEWAY_URL). The simulators and the demo NCA are not started: no demo OCSP, CRLs or time-stamps.`);
const simulators = world?.simulators ?? null;
const gatewayUrl = process.env.AJO_GATEWAY_URL ?? simulators!.url;

const registry = process.env.AJO_REGISTRY_URL ? null : await startEmbeddedRegistry(dataDir);
if (registry) console.log(`Registry (embedded, ${registry.db.kind}): sync ${registry.url}, public check ${registry.publicUrl}/check`);

if (values.demo && world?.nca) {
  const core = createCore({ dataDir, gatewayUrl });
  const pki = await seedDemoOffice(core, dataDir, world.nca);
  if (registry && (await enrolDemoDesk(core, registry, world.nca))) console.log('Demo desk enrolled with the registry: it syncs by itself.');
  await core.close();
  if (pki) {
    console.log(`Demo data in ${dataDir}: users admin, clerk, executor, head — password "${DEMO_PASSWORD}".`);
    console.log(`GOST 2015 keys, as NCA issues them (password "${DEMO_KEY_PASSWORD}"; each signs and logs in): head ${pki.headKeyFile}, clerk ${pki.clerkKeyFile}`);
    console.log(`RSA keys, on request: head ${pki.headRsaKeyFile} (login ${pki.headRsaAuthKeyFile}), clerk ${pki.clerkRsaKeyFile}`);
    console.log(`Demo NCA (GOST and RSA roots): ${pki.rootPem}`);
  } else {
    console.log(`${dataDir} already has users: demo data not added.`);
  }
}

const electron = values.web ? null : electronBinary();
if (electron) {
  const main = join(appRoot(), 'dist', 'electron', 'main.cjs');
  const child = spawn(electron, [main], { stdio: 'inherit', env: { ...process.env, AJO_DATA_DIR: dataDir, AJO_GATEWAY_URL: gatewayUrl } });
  child.on('exit', async (code) => {
    await simulators?.close();
    await registry?.close();
    process.exit(code ?? 0);
  });
} else {
  const core = createCore({ dataDir, gatewayUrl, discoverScanners: true, syncEveryMs: SYNC_EVERY_MS });
  const host = await startWebHost({
    dispatch: core.dispatch,
    staticDir: join(appRoot(), 'dist', 'renderer'),
    port: values.port ? Number(values.port) : 0,
  });
  console.log(`АЖО (no Electron binary here, serving the UI on loopback). Data: ${dataDir}`);
  console.log(`Open: ${host.launchUrl}`);
  const stop = async () => {
    await host.close();
    await core.close();
    await simulators?.close();
    await registry?.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
