import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fetchOfficeDecisions } from '../../../main/sync/decisions';
import { putDecisionToFetch } from '../../../db/repositories/decisions-to-fetch';
import { checkStore } from '../../../main/services/store-check';
import { RegistryUnreachable } from '../../../main/sync/transport';
import { startTestCore, type TestCore } from '../../support/core';
import { headKey, readyForDecision } from '../../support/workflow';

let t: TestCore;
before(async () => {
  t = await startTestCore();
});
after(() => t?.close());

/** An application as another desk's decision leaves it here: issued, its decision named by the registry and not taken in yet. */
async function issuedElsewhere(number: string, pdfSha256: string) {
  const { app, clerk } = await readyForDecision(t);
  t.core.ctx.db.prepare("UPDATE applications SET status = 'issued' WHERE id = ?").run(app.id);
  putDecisionToFetch(t.core.ctx.db, { applicationId: app.id, decisionId: crypto.randomUUID(), number, pdfSha256, signedAtDesk: crypto.randomUUID(), receivedAt: new Date().toISOString() });
  return { app, clerk };
}

test('a decision signed elsewhere is not handed out until its signed PDF is here; offline it waits, and ajo db check counts it as not fetched yet', async () => {
  const { app, clerk } = await issuedElsewhere('KZ26UAA00009999', 'a'.repeat(64));
  const waiting = await clerk['applications.get']({ id: app.id });
  assert.deepEqual(waiting.decisionElsewhere, { number: 'KZ26UAA00009999', problem: null });
  await assert.rejects(clerk['applications.handOut']({ id: app.id, handedAt: new Date().toISOString(), recipient: 'Ахметов Арман', recipientIdn: null, method: 'in-person' }), {
    code: 'invalid-state',
    reason: 'decision-not-here-yet',
  });
  const taken = await fetchOfficeDecisions(t.core.ctx, () => Promise.reject(new RegistryUnreachable('offline')));
  assert.equal(taken, 0);
  const notFetched: string[] = [];
  assert.deepEqual((await checkStore(t.core.ctx, notFetched)).filter((p) => p.subject.includes(app.journalNumber!)), []);
  assert.ok(notFetched.some((what) => what.includes('KZ26UAA00009999')), JSON.stringify(notFetched));
});

test('a fetched PDF that is not the decision the registry named (another decision\'s document) is not taken: the application says so, and ajo db check reports it', async () => {
  // A real signed licence of this office, but of another application and number.
  const other = await readyForDecision(t);
  const issued = await other.head['decisions.issueLicence']({ applicationId: other.app.id, ...headKey(t) });
  const pdf = Buffer.from((await other.head['decisions.pdf']({ decisionId: issued.decision!.id })).contentBase64, 'base64');
  const sha256 = t.core.ctx.blobs.put(pdf);
  const { app, clerk } = await issuedElsewhere('KZ26UAA00008888', sha256);
  assert.equal(await fetchOfficeDecisions(t.core.ctx, () => Promise.reject(new RegistryUnreachable('offline'))), 0);
  const shown = await clerk['applications.get']({ id: app.id });
  assert.equal(shown.decision, null);
  assert.deepEqual(shown.decisionElsewhere, { number: 'KZ26UAA00008888', problem: 'differs-from-registry' });
  const problems = await checkStore(t.core.ctx);
  assert.ok(problems.some((p) => p.problem === 'decision-from-registry-differs-from-registry' && p.subject.includes(app.journalNumber!)), JSON.stringify(problems));
});

test('a fetched file whose signature does not hold is not taken', async () => {
  const { app, clerk } = await issuedElsewhere('KZ26UAA00007777', t.core.ctx.blobs.put(Buffer.from('%PDF-1.7\nnot signed at all\n%%EOF\n')));
  await fetchOfficeDecisions(t.core.ctx, () => Promise.reject(new RegistryUnreachable('offline')));
  assert.deepEqual((await clerk['applications.get']({ id: app.id })).decisionElsewhere, { number: 'KZ26UAA00007777', problem: 'signature-invalid' });
});
