// The whole workflow, over and over, through the core's API, until this process is killed: the crash
// test's victim. Each step the core acknowledged is appended to ACKS (one JSON line) after its reply.
// Usage: crash-child.ts DATA_DIR ACKS KEYS_JSON   (KEYS_JSON: {"clerk": path, "head": path})
import { appendFileSync, readFileSync } from 'node:fs';
import { startDemoWorld } from '../../bin/demo';
import type { Channel } from '../../domain/api/contract';
import { createCore } from '../../main/core';
import { samplePdf } from './documents';

const [dataDir, acks, keysJson] = process.argv.slice(2);
const keys = JSON.parse(keysJson!) as { clerk: string; head: string };
const key = (file: string) => ({ keyFileBase64: readFileSync(file).toString('base64'), keyPassword: 'demo-key-password' });

const world = await startDemoWorld(dataDir!, { createNca: false });
const core = createCore({ dataDir: dataDir!, gatewayUrl: world.simulators.url, validateResults: true });
const userId = (name: string) => (core.ctx.db.prepare('SELECT id FROM users WHERE username = ?').get(name) as { id: string }).id;
const sessions = Object.fromEntries(['clerk', 'executor', 'head'].map((name) => [name, core.ctx.sessions.create(userId(name)).token]));

async function call(who: string, channel: Channel, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const reply = await core.dispatch({ channel, args, session: sessions[who] });
  if (!reply.ok) {
    process.stderr.write(`${channel} as ${who} refused: ${JSON.stringify(reply.error)}\n`);
    process.exit(3);
  }
  return reply.result as Record<string, unknown>;
}
const ack = (entry: Record<string, unknown>) => appendFileSync(acks!, `${JSON.stringify(entry)}\n`);

process.stdout.write('ready\n');
for (let round = 0; ; round++) {
  const draft = await call('clerk', 'applications.createDraft', { serviceCode: 'scrap-metal', procedure: 'issue', applicantKind: 'legal', applicantIdn: '150840001234', representation: { kind: 'none' } });
  const id = draft.id as string;
  ack({ id, step: 'drafted' });
  for (const slot of ['application', 'fee-receipt']) {
    await call('clerk', 'documents.attach', { applicationId: id, slotCode: slot, fileName: `${slot}.pdf`, contentBase64: (await samplePdf(`${slot} ${round}`)).toString('base64') });
    ack({ id, step: 'attached', slot });
  }
  const registered = await call('clerk', 'applications.register', { id, ...key(keys.clerk) });
  ack({ id, step: 'registered', journalNumber: registered.journalNumber });
  await call('head', 'applications.assign', { id, executorId: userId('executor') });
  ack({ id, step: 'assigned' });
  for (const item of registered.checklist as { code: string }[]) await call('executor', 'checklist.set', { applicationId: id, itemCode: item.code, met: true, note: '' });
  await call('executor', 'applications.submitForDecision', { id });
  ack({ id, step: 'ready-for-decision' });
  const decided =
    round % 3 === 2
      ? await call('head', 'decisions.refuse', { applicationId: id, reason: 'Өндірістік база талаптарға сай емес', ...key(keys.head) })
      : await call('head', 'decisions.issueLicence', { applicationId: id, ...key(keys.head) });
  ack({ id, step: decided.status, number: (decided.decision as { number: string }).number });
}
