// One desk of an office as its own process, for tests with several desks: the demo office (its own
// simulators and demo NCA), enrolled with the registry named in the environment, syncing by itself
// every second, its UI served on loopback. Prints one JSON line with what the test needs, then serves
// until SIGTERM.
import { join } from 'node:path';
import { createCore } from '../../main/core';
import { appRoot } from '../../main/paths';
import { enrolDesk } from '../../main/sync/enrol';
import { startWebHost } from '../../main/web-host/server';
import { seedDemoOffice, startDemoWorld } from '../../bin/demo';

const dataDir = process.env.AJO_DESK_DIR!;
const { simulators, nca } = await startDemoWorld(dataDir, { createNca: true });
const core = createCore({ dataDir, gatewayUrl: simulators.url, syncEveryMs: 1000, hotFolders: { poll: false } });
const pki = (await seedDemoOffice(core, dataDir, nca!))!;
await enrolDesk(core.ctx, { registryUrl: process.env.AJO_REGISTRY_URL!, code: process.env.AJO_REGISTRY_CODE!, deskName: process.env.AJO_DESK_NAME ?? 'desk' });
const host = await startWebHost({ dispatch: core.dispatch, staticDir: join(appRoot(), 'dist', 'renderer') });
process.stdout.write(`${JSON.stringify({ launchUrl: host.launchUrl, token: host.token, rootPem: pki.rootPem, headKeyFile: pki.headKeyFile, clerkKeyFile: pki.clerkKeyFile })}\n`);
process.once('SIGTERM', async () => {
  await host.close();
  await core.close();
  await simulators.close();
  process.exit(0);
});
