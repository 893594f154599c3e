import assert from 'node:assert/strict';
import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Command } from '../../../domain/sync/protocol';
import { openRegistryDb } from '../../../registry/db/open';
import type { RegistryDb } from '../../../registry/db/sql';
import { receiveChunk } from '../../../registry/sync/files';
import { leaseNumbers } from '../../../registry/sync/lease';
import { applyPush } from '../../../registry/sync/push';
import { DEMO_AUTHORITY } from '../../../main/demo/seed';
import { startTestCore, type TestCore } from '../../support/core';
import { signedLicence } from '../../support/workflow';
import { commands, enrolTestDesk } from '../../support/registry-desk';
import { freshRegistryStorage, REGISTRY_BACKENDS, trustRootPem, type TestRegistryStorage } from '../../support/registry';

const backend = REGISTRY_BACKENDS.at(-1)!;
let t: TestCore;
let licence: Buffer;
let storage: TestRegistryStorage;
let db: RegistryDb;
let roots: Buffer[];

before(async () => {
  t = await startTestCore();
  licence = await signedLicence(t);
  roots = [new X509Certificate(readFileSync(t.pki.rootPem)).raw];
  storage = await freshRegistryStorage(backend);
  db = await openRegistryDb(storage.storage);
  await trustRootPem(db, t.pki.rootPem);
});
after(async () => {
  await t?.close();
  await db?.close();
  await storage?.remove();
});

/** A desk of that authority with an application awaiting its decision at the registry, and a leased block. */
async function awaitingDecision(authorityBin: string, officeCode: string) {
  const { desk, clientId } = await enrolTestDesk(db, { authorityBin, officeCode });
  const app = commands(randomUUID());
  await applyPush(db, desk, { clientId, commands: [app.register(1), app.assign(2), app.submit(3)] }, { now: new Date(), trustedRoots: roots });
  const lease = await leaseNumbers(db, desk, { leaseId: randomUUID(), year: '26', size: 5 });
  return { desk, clientId, app, number: `KZ26${lease.letters}${String(lease.first).padStart(8, '0')}` };
}

async function issueWith(pdf: Buffer, authorityBin: string, officeCode: string) {
  const { desk, clientId, app, number } = await awaitingDecision(authorityBin, officeCode);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  assert.deepEqual(await receiveChunk(db, desk, { sha256, size: pdf.length, offset: 0 }, pdf), { offset: pdf.length, complete: true });
  const command = { ...app.submit(4), type: 'licence.issued', payload: { decisionId: randomUUID(), number, pdfSha256: sha256, warnings: [] } } as Command;
  return applyPush(db, desk, { clientId, commands: [command] }, { now: new Date(), trustedRoots: roots });
}

test(`[${backend}] a signed licence is checked on arrival: a forged or altered signature, or a signer of another authority, is refused and recorded as such`, async () => {
  const accepted = await issueWith(licence, DEMO_AUTHORITY.bin, 'KRG');
  assert.equal(accepted.results[0]?.outcome, 'accepted', JSON.stringify(accepted));

  // One byte of the signed content changed: the signature no longer covers what it claims.
  const altered = Buffer.from(licence);
  const at = altered.indexOf('/AjoDecision');
  altered[at + 1] = 'B'.charCodeAt(0);
  assert.deepEqual((await issueWith(altered, DEMO_AUTHORITY.bin, 'KRG2')).results, [{ mutationId: 4, outcome: 'rejected', reason: 'signature-invalid' }]);

  // The same genuine licence sent by a desk of another authority: its signer is not that authority's.
  assert.deepEqual((await issueWith(licence, '120240012345', 'AST')).results, [{ mutationId: 4, outcome: 'rejected', reason: 'signer-not-of-this-authority' }]);

  // Bytes that are no signed PDF at all.
  assert.deepEqual((await issueWith(Buffer.from('%PDF-1.7\n%%EOF\n'), DEMO_AUTHORITY.bin, 'KRG3')).results, [{ mutationId: 4, outcome: 'rejected', reason: 'not-signed' }]);

  const [held] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM licences');
  assert.equal(held!.n, 1);
});
