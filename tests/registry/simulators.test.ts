import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isValidIdn } from '../../domain/ids/iin-bin';
import { LegalEntityRecord, PersonRecord, PoaRecord } from '../../domain/gateway/state-databases';
import { LEGAL_ENTITIES, PERSONS, POWERS_OF_ATTORNEY, UNKNOWN_BIN } from '../../registry/simulators/seed-data';
import { startSimulators, type RunningSimulator } from '../../registry/simulators/server';

let sim: RunningSimulator;
before(async () => {
  sim = await startSimulators();
});
after(async () => {
  await sim.close();
});

test('the seeded records are valid and their identifiers pass the checksum', () => {
  for (const e of LEGAL_ENTITIES) assert.ok(LegalEntityRecord.parse(e) && isValidIdn(e.bin), e.bin);
  for (const p of PERSONS) assert.ok(PersonRecord.parse(p) && isValidIdn(p.iin), p.iin);
  for (const p of POWERS_OF_ATTORNEY) assert.ok(PoaRecord.parse(p) && isValidIdn(p.principalIdn) && isValidIdn(p.attorneyIin));
  assert.ok(isValidIdn(UNKNOWN_BIN));
});

test('the simulators answer a record, 404 for an unknown number and 400 for a bad checksum', async () => {
  const ok = await fetch(`${sim.url}/gbd-ul/v1/entities/150840001234`);
  assert.equal(ok.status, 200);
  assert.equal(((await ok.json()) as { bin: string }).bin, '150840001234');
  assert.equal((await fetch(`${sim.url}/gbd-ul/v1/entities/${UNKNOWN_BIN}`)).status, 404);
  assert.equal((await fetch(`${sim.url}/gbd-fl/v1/persons/850215300125`)).status, 400);
  assert.equal((await fetch(`${sim.url}/enis/v1/poa/2026-0001234`)).status, 200);
  assert.ok(sim.url.startsWith('http://127.0.0.1:'));
});

test('a port already taken is refused with an error, not a crash, and the demo world falls back to another', async () => {
  const { createServer } = await import('node:net');
  const { startDemoWorld } = await import('../../bin/demo');
  const { NcaSimulator } = await import('../../registry/pki/nca');
  const { tempDir } = await import('../support/temp');
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const taken = (blocker.address() as { port: number }).port;
  const dir = tempDir();
  try {
    await assert.rejects(startSimulators({}, taken), (error: NodeJS.ErrnoException) => error.code === 'EADDRINUSE');
    // A demo NCA saved with that port: the launcher must still start, on a free port.
    NcaSimulator.create(`http://127.0.0.1:${taken}`, new Date(), () => new Date()).save(`${dir.path}/demo-pki/nca`);
    const world = await startDemoWorld(dir.path, { createNca: false });
    assert.notEqual(new URL(world.simulators.url).port, String(taken));
    await world.simulators.close();
  } finally {
    blocker.close();
    dir.remove();
  }
});
