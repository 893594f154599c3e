import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { Lease } from '../../../domain/sync/protocol';
import { openRegistryDb } from '../../../registry/db/open';
import { registryTransport } from '../../../main/sync/transport';
import { enrolTestDesk } from '../../support/registry-desk';
import { freshRegistryStorage, serveRegistryProcess, stopProcess, type TestRegistryStorage } from '../../support/registry';


test('two registry processes on one PostgreSQL: desks leasing from both at once never get a number twice', { skip: !process.env.AJO_TEST_POSTGRES_URL && 'no PostgreSQL for this run' }, async () => {
  const storage: TestRegistryStorage = await freshRegistryStorage('postgres');
  const db = await openRegistryDb(storage.storage);
  // Instances on one database share the operator's key to its CA.
  const shared = { databaseUrl: storage.storage.databaseUrl!, keyFile: join(storage.storage.dataDir, 'registry.key') };
  const instances = await Promise.all([serveRegistryProcess(shared), serveRegistryProcess(shared)]);
  try {
    const desks = await Promise.all(Array.from({ length: 4 }, (_, i) => enrolTestDesk(db, { authorityBin: '000140000028', officeCode: `AL${i}` })));
    const leases = await Promise.all(
      desks.flatMap((desk, d) =>
        Array.from({ length: 15 }, async () => {
          const transport = registryTransport(instances[d % 2]!.url, { caPem: desk.caPem, certificatePem: desk.certificatePem, privateKeyPem: desk.privateKeyPem });
          try {
            return await transport.postJson('/v1/lease', { clientId: desk.clientId, leaseId: randomUUID(), year: String(new Date().getFullYear()).slice(2), size: 7 }, Lease);
          } finally {
            transport.close();
          }
        }),
      ),
    );
    const numbers = leases.flatMap((l) => Array.from({ length: l.last - l.first + 1 }, (_, i) => l.first + i));
    assert.equal(numbers.length, 4 * 15 * 7);
    assert.equal(new Set(numbers).size, numbers.length, 'a licence number was leased twice');
    assert.equal(Math.max(...numbers), numbers.length, 'the national sequence has a gap');
  } finally {
    await Promise.all(instances.map(({ child }) => stopProcess(child)));
    await db.close();
    await storage.remove();
  }
});
