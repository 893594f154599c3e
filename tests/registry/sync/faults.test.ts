import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { PushResponse, type Command } from '../../../domain/sync/protocol';
import { syncRound } from '../../../main/sync/round';
import { registryTransport } from '../../../main/sync/transport';
import { waitingCommands } from '../../../db/repositories/outbox';
import { startRegistryServer } from '../../../registry/server/http';
import { openRegistryDb } from '../../../registry/db/open';
import type { RegistryDb } from '../../../registry/db/sql';
import { FaultProxy } from '../../support/fault-proxy';
import { freshRegistryStorage, REGISTRY_BACKENDS } from '../../support/registry';
import { SyncOffice } from '../../support/sync-office';

type Step =
  | { kind: 'act'; office: number; pick: number; choose: number }
  | { kind: 'sync'; office: number }
  | { kind: 'duplicate'; office: number }
  | { kind: 'restart' }
  | { kind: 'network'; rate: number };

const STEPS = 2000;
const MIN_FAULTS = 1000;
const fraction = fc.integer({ min: 0, max: 9999 }).map((n) => n / 10_000);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 30, arbitrary: fc.record({ kind: fc.constant('act' as const), office: fc.nat(2), pick: fraction, choose: fraction }) },
  { weight: 50, arbitrary: fc.record({ kind: fc.constant('sync' as const), office: fc.nat(2) }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), office: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('network' as const), rate: fc.constantFrom(0, 0.3, 0.5, 0.7) }) },
);

// One backend is enough for the model (the registry's other tests cover both); PostgreSQL when there is one, its restarts being cheaper.
const backend = REGISTRY_BACKENDS.at(-1)!;

test(`[${backend}] model-based sync under faults: 3 offices, a misbehaving network, registry restarts, resent pushes — every command in the registry exactly once, every office converged`, async () => {
  let totals = { faults: 0, commands: 0, lost: 0, duplicated: 0, restarts: 0, rounds: 0, failedRounds: 0 };
  const outcome = await fc.check(
    fc.asyncProperty(fc.array(step, { minLength: STEPS, maxLength: STEPS }), fc.integer(), async (steps, seed) => {
      let state = seed >>> 0;
      const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
      const storage = await freshRegistryStorage(backend);
      let db: RegistryDb = await openRegistryDb(storage.storage);
      let server = await startRegistryServer({ db, port: 0 });
      const proxy = new FaultProxy({ host: '127.0.0.1', port: Number(new URL(server.url).port) }, random);
      const url = await proxy.start();
      const offices = [new SyncOffice('ALM', '000140000028'), new SyncOffice('AST', '000140000028'), new SyncOffice('SHY', '120240012345')];
      const lastPush = new Map<number, Command[]>();
      let restarts = 0;
      let rounds = 0;
      let failedRounds = 0;
      try {
        for (const office of offices) await office.enrol(db, url);
        const round = async (i: number) => {
          const office = offices[i]!;
          const transport = registryTransport(url, office.enrolment, { timeoutMs: 5000 });
          rounds++;
          try {
            const batch = waitingCommands(office.db, 200);
            if (batch.length) lastPush.set(i, batch.map((row) => ({ ...JSON.parse(row.body), mutationId: row.mutationId }) as Command));
            await syncRound(office, transport, office.enrolment, { leaseSize: 10 });
          } catch {
            failedRounds++;
          } finally {
            transport.close();
          }
        };
        for (const s of steps) {
          if (s.kind === 'act') offices[s.office]!.act(s.pick, s.choose);
          else if (s.kind === 'sync') await round(s.office);
          else if (s.kind === 'network') proxy.rate = s.rate;
          else if (s.kind === 'duplicate') {
            const commands = lastPush.get(s.office);
            if (!commands) continue;
            const transport = registryTransport(url, offices[s.office]!.enrolment, { timeoutMs: 5000 });
            await transport.postJson('/v1/push', { clientId: offices[s.office]!.enrolment.clientId, commands }, PushResponse).catch(() => undefined);
            transport.close();
          } else {
            proxy.cutAll();
            await server.close();
            await db.close();
            db = await openRegistryDb(storage.storage);
            server = await startRegistryServer({ db, port: 0 });
            proxy.retarget({ host: '127.0.0.1', port: Number(new URL(server.url).port) });
            restarts++;
          }
        }
        // However the steps fell, the run injects its thousand faults: more work and rounds on a bad network.
        while (proxy.faults < MIN_FAULTS) {
          proxy.rate = 0.5;
          const office = Math.floor(random() * offices.length);
          offices[office]!.act(random(), random());
          await round(office);
        }
        // The network heals: every office syncs until nothing waits.
        proxy.rate = 0;
        for (let i = 0; i < offices.length; i++) {
          for (let attempt = 0; attempt < 5 && waitingCommands(offices[i]!.db, 1).length > 0; attempt++) await round(i);
        }

        let commands = 0;
        let lost = 0;
        let duplicated = 0;
        for (const office of offices) {
          const outbox = office.outbox();
          commands += outbox.length;
          const results = await db.query<{ mutation_id: number; event_id: string; outcome: string; registry_number: string | null }>(
            'SELECT mutation_id, event_id, outcome, registry_number FROM mutation_results WHERE client_id = $1 ORDER BY mutation_id',
            [office.enrolment.clientId],
          );
          const [desk] = await db.query<{ last_mutation_id: number }>('SELECT last_mutation_id FROM desks WHERE client_id = $1', [office.enrolment.clientId]);
          assert.equal(desk!.last_mutation_id, outbox.length, `${office.code}: the registry's last mutation id`);
          for (const row of outbox) {
            const at = results.filter((r) => r.event_id === row.eventId);
            if (at.length === 0) lost++;
            if (at.length > 1) duplicated++;
            // Every office converged: it holds the registry's own answer for each of its commands.
            assert.notEqual(row.state, 'waiting', `${office.code} #${row.mutationId} still waits`);
            assert.equal(row.state, at[0]?.outcome, `${office.code} #${row.mutationId} (${row.type}): office says ${row.state}, registry ${at[0]?.outcome}`);
            assert.equal(row.state, office.expected.get(row.mutationId), `${office.code} #${row.mutationId} (${row.type}) ${row.reason ?? ''}`);
            assert.equal(row.registryNumber, at[0]?.registry_number ?? null);
          }
          // What the registry holds of the office is exactly its accepted commands, each applied once.
          const accepted = outbox.filter((r) => r.state === 'accepted');
          const [held] = await db.query<{ applications: number; history: number }>(
            `SELECT (SELECT count(*)::int FROM applications a JOIN desks d ON d.office_id = a.office_id WHERE d.client_id = $1) AS applications,
                    (SELECT count(*)::int FROM application_history WHERE client_id = $1) AS history`,
            [office.enrolment.clientId],
          );
          assert.deepEqual(held, { applications: accepted.filter((r) => r.type === 'application.registered').length, history: accepted.length });
        }
        totals = { faults: totals.faults + proxy.faults, commands: totals.commands + commands, lost: totals.lost + lost, duplicated: totals.duplicated + duplicated, restarts: totals.restarts + restarts, rounds: totals.rounds + rounds, failedRounds: totals.failedRounds + failedRounds };
        assert.equal(lost, 0);
        assert.equal(duplicated, 0);
      } finally {
        await proxy.close();
        await server.close();
        await db.close();
        for (const office of offices) office.close();
        await storage.remove();
      }
    }),
    { numRuns: 1, endOnFailure: true },
  );
  // The failing run's seed, and what failed, without fast-check's printout of every step.
  if (outcome.failed) throw Object.assign(outcome.errorInstance instanceof Error ? outcome.errorInstance : new Error(String(outcome.errorInstance)), { seed: outcome.seed });
  console.log(`faults injected: ${totals.faults}, commands: ${totals.commands}, lost: ${totals.lost}, duplicated: ${totals.duplicated}, registry restarts: ${totals.restarts}, rounds: ${totals.rounds} (${totals.failedRounds} cut short)`);
  assert.ok(totals.faults >= MIN_FAULTS, `only ${totals.faults} faults injected`);
});
