// A clerk's `scanner.import` of one file through a fresh core, as its own process (so that a test can
// measure the process's memory): prints the core's reply and the tray's size after it, as JSON.
// Usage: import-child.ts DATA_DIR FILE
import { readFileSync } from 'node:fs';
import { createCore } from '../../main/core';
import { createUser } from '../../main/services/auth';
import { initialize } from '../../main/services/setup';

const [dataDir, file] = process.argv.slice(2);
const core = createCore({ dataDir: dataDir!, gatewayUrl: 'http://127.0.0.1:9', resumeBackgroundWork: false });
await initialize(
  core.ctx,
  { nameKk: 'Басқарма', nameRu: 'Управление', bin: '990140001114', placeKk: 'Қарағанды', placeRu: 'Караганда', officeCode: 'KRG' },
  { username: 'admin', fullName: 'Әкімші', iin: null, password: 'admin-password' },
);
const clerk = await createUser(core.ctx, { username: 'clerk', fullName: 'Қызметкер', iin: null, roles: ['clerk'], password: 'clerk-password' }, null);
const session = core.ctx.sessions.create(clerk.id).token;
const reply = await core.dispatch({ channel: 'scanner.import', args: { fileName: 'scan.pdf', contentBase64: readFileSync(file!).toString('base64') }, session });
const tray = await core.dispatch({ channel: 'scanner.tray', args: {}, session });
process.stdout.write(JSON.stringify({ reply, trayPages: tray.ok ? (tray.result as { pages: unknown[] }).pages.length : null }));
await core.close();
