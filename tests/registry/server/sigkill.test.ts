import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { PushResponse, type Command } from '../../../domain/sync/protocol';
import { openRegistryDb } from '../../../registry/db/open';
import { registryTransport } from '../../../main/sync/transport';
import { createDeskKey } from '../../../pki/tls/registry-ca';
import { EnrolResponse } from '../../../domain/sync/protocol';
import { issueEnrolmentCode } from '../../../registry/enrolment/enrolment';
import { commands } from '../../support/registry-desk';
import { tempDir } from '../../support/temp';
import { serveRegistryProcess } from '../../support/registry';


test('the embedded registry killed with SIGKILL mid-push keeps every command it acknowledged, and the rest goes in exactly once after restart', async () => {
  const dir = tempDir('ajo-registry-kill-');
  try {
    const office = { authorityBin: '000140000028', officeCode: 'ALM' };
    const db = await openRegistryDb({ dataDir: dir.path });
    const { code } = await issueEnrolmentCode(db, office, new Date());
    await db.close();

    let server = await serveRegistryProcess({ dataDir: dir.path });
    const clientId = randomUUID();
    const key = createDeskKey(clientId);
    const first = registryTransport(server.url, { caPem: null });
    const enrolment = await first.postJson('/v1/enrol', { code, csrPem: key.csrPem, clientId, deskName: 'kill test' }, EnrolResponse);
    first.close();
    const identity = { caPem: enrolment.caPem, certificatePem: enrolment.certificatePem, privateKeyPem: key.privateKeyPem };

    // 400 commands: 200 applications, each registered and assigned.
    const all: Command[] = [];
    for (let i = 0; i < 200; i++) {
      const app = commands(randomUUID());
      all.push(app.register(all.length + 1, `ALM-2026-${String(i + 1).padStart(5, '0')}`), app.assign(all.length + 2));
    }
    let acknowledged = 0;
    const pushAll = async (url: string, onBatch?: () => void) => {
      const transport = registryTransport(url, identity);
      try {
        while (acknowledged < all.length) {
          const answer = await transport.postJson('/v1/push', { clientId, commands: all.slice(acknowledged, acknowledged + 20) }, PushResponse);
          acknowledged = answer.lastMutationId;
          onBatch?.();
        }
      } finally {
        transport.close();
      }
    };
    // Killed once a third is acknowledged, while the next batches are on their way.
    await assert.rejects(
      pushAll(server.url, () => {
        if (acknowledged >= 120 && server.child.exitCode === null) server.child.kill('SIGKILL');
      }),
    );
    await new Promise((resolve) => (server.child.exitCode !== null || server.child.signalCode !== null ? resolve(null) : server.child.once('exit', resolve)));
    const acknowledgedBeforeKill = acknowledged;
    assert.ok(acknowledgedBeforeKill >= 120 && acknowledgedBeforeKill < all.length, String(acknowledgedBeforeKill));

    server = await serveRegistryProcess({ dataDir: dir.path });
    try {
      const check = registryTransport(server.url, identity);
      // Resent from an older point, as a desk that lost the last answers would: nothing is applied twice.
      const again = await check.postJson('/v1/push', { clientId, commands: all.slice(0, 20) }, PushResponse);
      check.close();
      assert.ok(again.lastMutationId >= acknowledgedBeforeKill, `acknowledged ${acknowledgedBeforeKill}, registry has ${again.lastMutationId}`);
      acknowledged = again.lastMutationId;
      await pushAll(server.url);
    } finally {
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
    }
    const after = await openRegistryDb({ dataDir: dir.path });
    const [counts] = await after.query<{ applications: number; history: number; results: number }>(
      'SELECT (SELECT count(*)::int FROM applications) AS applications, (SELECT count(*)::int FROM application_history) AS history, (SELECT count(*)::int FROM mutation_results) AS results',
    );
    await after.close();
    assert.deepEqual(counts, { applications: 200, history: 400, results: 400 });
  } finally {
    dir.remove();
  }
});
