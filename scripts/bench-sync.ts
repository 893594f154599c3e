// npm run bench:sync — an office thirty days offline (10,000 commands naming 2,000 PDFs of realistic
// sizes) syncs with the registry; time and bytes on the wire beside a plain HTTPS upload of the same
// bytes (each file PUT once, the commands POSTed as JSON, written to disk by the receiving server) in
// the same run. Then the same backlog cut off half way through its files: the second run resumes
// without sending finished files again. Ratios: throughput (≥0.5 is the aim), bytes (≤1.1).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { Agent, request } from 'node:https';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { appendEvent } from '../db/repositories/events';
import { waitingCommands } from '../db/repositories/outbox';
import { syncRound } from '../main/sync/round';
import { registryTransport } from '../main/sync/transport';
import { openRegistryDb } from '../registry/db/open';
import { FaultProxy } from '../tests/support/fault-proxy';
import { SyncOffice } from '../tests/support/sync-office';
import { tempDir } from '../tests/support/temp';
import { startTestPostgres } from './test-postgres.mjs';

const AJO = fileURLToPath(new URL('../bin/ajo.mjs', import.meta.url));
const PLAIN_SERVER = fileURLToPath(new URL('./bench-plain-server.ts', import.meta.url));
const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 2000);
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 10_000);

/**
 * What a month offline leaves: each application registered with one scanned PDF (1-bit pages, as the
 * scanner module writes them: 35–70 KB a page, 1–4 pages) and then moved along (assigned, submitted,
 * returned, assigned again…) until the commands reach the total. Scans are random bytes: compressed
 * images do not compress further, so neither side gains from it.
 */
function fillOffice(office: SyncOffice): { files: number; fileBytes: number } {
  let fileBytes = 0;
  const ids: string[] = [];
  let commands = 0;
  for (let i = 0; i < APPLICATIONS; i++) {
    const pages = 1 + (i % 4);
    const scan = randomBytes(pages * (35_000 + ((i * 7919) % 35_000)));
    const sha256 = office.blobs.put(scan);
    fileBytes += scan.length;
    const id = office.newApplicationId();
    ids.push(id);
    office.db.transaction(() =>
      appendEvent(office.db, {
        type: 'application.registered',
        entity: 'application',
        entityId: id,
        at: new Date(Date.now() - (30 - Math.floor((i * 30) / APPLICATIONS)) * 86_400_000).toISOString(),
        actorId: null,
        payload: {
          journalNumber: `ALM-2026-${String(i + 1).padStart(5, '0')}`,
          dueDate: '2026-12-31',
          formSha256: createHash('sha256').update(id).digest('hex'),
          signerIin: null,
          warnings: [],
          serviceCode: 'scrap-metal',
          procedure: 'issue',
          applicant: { kind: 'legal', idn: '150840001234', name: 'ТОО «Атырау Металл Ресайклинг»', nameKk: null },
          documents: [{ id: office.newApplicationId(), slotCode: 'application', fileName: `scan-${i + 1}.pdf`, mime: 'application/pdf', size: scan.length, sha256, pages }],
        },
      }),
    )();
    commands++;
  }
  // The rest: each application's next step in turn (assign → submit → return → assign …).
  const steps = ['application.assigned', 'application.submitted-for-decision', 'application.returned-to-executor'] as const;
  for (let round = 0; commands < COMMANDS; round++) {
    for (const id of ids) {
      if (commands >= COMMANDS) break;
      const type = steps[round % 3]!;
      office.db.transaction(() =>
        appendEvent(office.db, {
          ...(type === 'application.assigned'
            ? { type, entity: 'application' as const, payload: { executorId: office.newApplicationId() } }
            : type === 'application.returned-to-executor'
              ? { type, entity: 'application' as const, payload: { note: 'уточнить адрес производственной базы' } }
              : { type, entity: 'application' as const }),
          entityId: id,
          at: new Date().toISOString(),
          actorId: null,
        }),
      )();
      commands++;
    }
  }
  return { files: APPLICATIONS, fileBytes };
}

/** A child process that prints one JSON line when it is ready, and the line. */
async function child(args: string[]): Promise<{ process: ChildProcess; ready: Record<string, unknown> }> {
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
  return { process: proc, ready: JSON.parse(line) as Record<string, unknown> };
}

function put(agent: Agent, url: string, body: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', agent, headers: { 'content-length': String(body.length), 'content-type': 'application/octet-stream' } }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end(body);
  });
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

async function main() {
  // The registry as it runs for real: its own process (`ajo registry serve`) on PostgreSQL when one can be started here.
  const postgres = await startTestPostgres();
  const registryDir = tempDir('ajo-bench-registry-');
  const storage = postgres.url ? ['--database-url', postgres.url] : ['--data-dir', registryDir.path];
  const db = await openRegistryDb(postgres.url ? { databaseUrl: postgres.url, dataDir: registryDir.path } : { dataDir: registryDir.path });
  const office = new SyncOffice('ALM', '000140000028');
  const second = new SyncOffice('AST', '000140000028');
  // Desks enrol before the server starts (PGlite allows one process on its folder).
  await office.enrol(db, 'https://pending');
  await second.enrol(db, 'https://pending');
  await db.close();
  const registry = await child([AJO, 'registry', 'serve', ...storage, '--port', '0', '--public-port', '0']);
  console.log(`registry on ${String(registry.ready.database)}, its own process`);
  const proxy = new FaultProxy({ host: '127.0.0.1', port: Number(new URL(String(registry.ready.url)).port) }, Math.random);
  const proxyUrl = await proxy.start();
  office.enrolment.registryUrl = proxyUrl;
  second.enrolment.registryUrl = proxyUrl;
  const made = fillOffice(office);
  const commands = waitingCommands(office.db, Number.MAX_SAFE_INTEGER);
  console.log(`office: ${commands.length} commands, ${made.files} PDFs, ${mb(made.fileBytes)} of files`);

  // The project's sync, through a counting proxy.
  const transport = registryTransport(proxyUrl, office.enrolment);
  let lastShown = 0;
  let filesUpAt = 0;
  const started = performance.now();
  const report = await syncRound(office, transport, office.enrolment, {
    leaseSize: 100,
    onProgress: (p) => {
      if (p.phase === 'upload' && p.done === p.total) filesUpAt = performance.now();
      if (p.phase === 'upload' && (p.done - lastShown >= 500 || p.done === p.total)) {
        lastShown = p.done;
        console.log(`  files ${p.done}/${p.total} (${mb(p.bytes ?? 0)})`);
      }
    },
  });
  const syncMs = performance.now() - started;
  transport.close();
  const syncBytes = proxy.bytes.up + proxy.bytes.down;
  if (report.waiting !== 0 || report.rejected !== 0) throw new Error(`sync did not finish cleanly: ${JSON.stringify(report)}`);

  // The baseline: the same files and the same commands' JSON, plain HTTPS PUTs through the same kind of proxy.
  const sink = tempDir('ajo-bench-plain-');
  const plain = await child(['--import', 'tsx', PLAIN_SERVER, sink.path]);
  const plainProxy = new FaultProxy({ host: '127.0.0.1', port: Number(plain.ready.port) }, Math.random);
  const plainUrl = await plainProxy.start();
  const agent = new Agent({ keepAlive: true, ca: [String(plain.ready.caPem)] });
  const plainStarted = performance.now();
  for (const row of commands) {
    const body = JSON.parse(row.body) as { payload: { documents?: { sha256: string }[] } };
    for (const d of body.payload.documents ?? []) await put(agent, `${plainUrl}/files/${d.sha256}`, office.blobs.get(d.sha256));
  }
  for (let i = 0; i < commands.length; i += 200) {
    await put(agent, `${plainUrl}/commands`, Buffer.from(JSON.stringify(commands.slice(i, i + 200).map((r) => ({ ...JSON.parse(r.body), mutationId: r.mutationId })))));
  }
  const plainMs = performance.now() - plainStarted;
  const plainBytes = plainProxy.bytes.up + plainProxy.bytes.down;
  agent.destroy();

  const throughput = (made.fileBytes / syncMs) / (made.fileBytes / plainMs);
  console.log(`sync:  ${(syncMs / 1000).toFixed(1)} s, ${mb(syncBytes)} on the wire (${report.filesUploaded} files, ${report.accepted} commands accepted; files up after ${((filesUpAt - started) / 1000).toFixed(1)} s)`);
  console.log(`plain: ${(plainMs / 1000).toFixed(1)} s, ${mb(plainBytes)} on the wire`);
  console.log(`throughput ratio (sync / plain): ${throughput.toFixed(2)} (aim ≥ 0.5);  bytes ratio: ${(syncBytes / plainBytes).toFixed(3)} (aim ≤ 1.1)`);

  // The same backlog again, at a second office, cut off once half its files are up.
  const again = fillOffice(second);
  const cutTransport = registryTransport(proxyUrl, second.enrolment);
  let cutAfter = 0;
  await syncRound(second, cutTransport, second.enrolment, {
    leaseSize: 100,
    onProgress: (p) => {
      if (p.phase === 'upload' && p.done >= p.total / 2 && cutAfter === 0) {
        cutAfter = p.bytes ?? 0;
        proxy.cutAll();
        proxy.rate = 1;
      }
    },
  }).catch(() => undefined);
  cutTransport.close();
  proxy.rate = 0;
  const resumeTransport = registryTransport(proxyUrl, second.enrolment);
  const resumed = await syncRound(second, resumeTransport, second.enrolment, { leaseSize: 100 });
  resumeTransport.close();
  const resent = cutAfter + resumed.bytesUploaded - again.fileBytes;
  console.log(
    `cut at half way (${mb(cutAfter)} of ${mb(again.fileBytes)} sent), resumed: ${mb(resumed.bytesUploaded)} more, ${resent <= 0 ? 'no finished file sent again' : `${resent} bytes sent twice`}; ${resumed.waiting} commands left`,
  );

  await proxy.close();
  await plainProxy.close();
  plain.process.kill();
  office.close();
  second.close();
  registry.process.kill('SIGTERM');
  await new Promise((resolve) => registry.process.once('exit', resolve));
  postgres.stop();
  registryDir.remove();
  sink.remove();
  if (resent > 0 || resumed.waiting !== 0) process.exitCode = 1;
}

await main();
