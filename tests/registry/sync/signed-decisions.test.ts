import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Command } from '../../../domain/sync/protocol';
import { openRegistryDb } from '../../../registry/db/open';
import type { RegistryDb } from '../../../registry/db/sql';
import { receiveChunk } from '../../../registry/sync/files';
import { leaseNumbers } from '../../../registry/sync/lease';
import { applyPush } from '../../../registry/sync/push';
import { parseCertificates } from '../../../main/services/trust';
import { publicLicence } from '../../../registry/public/check';
import { DEMO_AUTHORITY } from '../../../main/demo/seed';
import { startTestCore, type TestCore } from '../../support/core';
import { signedLicence } from '../../support/workflow';
import { commands, enrolTestDesk } from '../../support/registry-desk';
import { freshRegistryStorage, REGISTRY_BACKENDS, trustRootPem, type TestRegistryStorage } from '../../support/registry';

/** The two digits of the year the registry leases for now. */
const THIS_YY = String(new Date().getFullYear()).slice(2);

const backend = REGISTRY_BACKENDS.at(-1)!;
let t: TestCore;
let licence: Buffer;
let storage: TestRegistryStorage;
let db: RegistryDb;
let roots: Buffer[];

before(async () => {
  t = await startTestCore();
  licence = await signedLicence(t);
  roots = parseCertificates(readFileSync(t.pki.rootPem));
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
async function awaitingDecision(authorityBin: string, officeCode: string, procedure: 'issue' | 'reissue' | 'duplicate' = 'issue') {
  const { desk, clientId } = await enrolTestDesk(db, { authorityBin, officeCode });
  const app = commands(randomUUID(), officeCode);
  const register = app.register(1) as Extract<Command, { type: 'application.registered' }>;
  register.payload.procedure = procedure;
  await applyPush(db, desk, { clientId, commands: [register, app.assign(2), app.submit(3)] }, { now: new Date(), trustedRoots: roots });
  const lease = await leaseNumbers(db, desk, { leaseId: randomUUID(), year: THIS_YY, size: 5 });
  return { desk, clientId, app, number: `KZ${THIS_YY}${lease.letters}${String(lease.first).padStart(8, '0')}` };
}

async function issueWith(pdf: Buffer, authorityBin: string, officeCode: string, reissue?: { originalNumber: string; procedure?: 'issue' | 'reissue' | 'duplicate'; number?: string }) {
  const awaiting = await awaitingDecision(authorityBin, officeCode, reissue?.procedure ?? (reissue ? 'reissue' : 'issue'));
  const { desk, clientId, app } = awaiting;
  const number = reissue?.number ?? awaiting.number;
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const received = await receiveChunk(db, desk, { sha256, size: pdf.length, offset: 0 }, pdf);
  assert.equal(received.complete, true);
  const payload = { decisionId: randomUUID(), number, pdfSha256: sha256, warnings: [], ...(reissue ? { originalNumber: reissue.originalNumber } : {}) };
  const command = { ...app.submit(4), type: 'licence.issued', payload } as Command;
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

test(`[${backend}] a reissue names the licence it replaces: the registry links the two and marks the original reissued; a licence is reissued once, and only by a reissue`, async () => {
  const original = (await issueWith(licence, DEMO_AUTHORITY.bin, 'RE1')).results[0];
  assert.equal(original?.outcome, 'accepted');
  const originalNumber = original!.outcome === 'accepted' ? original!.registryNumber! : '';

  const reissued = (await issueWith(licence, DEMO_AUTHORITY.bin, 'RE2', { originalNumber })).results[0];
  assert.equal(reissued?.outcome, 'accepted', JSON.stringify(reissued));
  const newNumber = reissued!.outcome === 'accepted' ? reissued!.registryNumber! : '';
  const before = await publicLicence(db, { number: originalNumber });
  assert.deepEqual([before?.status, before?.reissuedAs], ['reissued', newNumber]);
  const after = await publicLicence(db, { number: newNumber });
  assert.deepEqual([after?.status, after?.reissues], ['active', originalNumber]);
  const [changed] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM changes WHERE body->>'kind' = 'licence.status' AND body->>'number' = $1 AND body->>'status' = 'reissued'", [originalNumber]);
  assert.equal(changed!.n, 1, 'the original\'s desks learn of it');

  assert.deepEqual((await issueWith(licence, DEMO_AUTHORITY.bin, 'RE3', { originalNumber })).results, [{ mutationId: 4, outcome: 'rejected', reason: 'original-licence-not-current' }]);
  assert.deepEqual((await issueWith(licence, DEMO_AUTHORITY.bin, 'RE4', { originalNumber: newNumber, procedure: 'issue' })).results, [
    { mutationId: 4, outcome: 'rejected', reason: 'original-only-for-reissue' },
  ]);
  assert.deepEqual((await issueWith(licence, DEMO_AUTHORITY.bin, 'RE5', { originalNumber: 'KZ26XXX00000042' })).results, [{ mutationId: 4, outcome: 'rejected', reason: 'original-licence-unknown' }]);
  assert.deepEqual((await issueWith(licence, '120240012345', 'AST2', { originalNumber: newNumber })).results, [{ mutationId: 4, outcome: 'rejected', reason: 'original-licence-unknown' }], 'another authority\'s licence is not its to reissue');
});

test(`[${backend}] a duplicate copies a licence in force: recorded by its own identifier, the licence keeps its number and status; its number must be the licence's`, async () => {
  const original = (await issueWith(licence, DEMO_AUTHORITY.bin, 'DU1')).results[0];
  const originalNumber = original!.outcome === 'accepted' ? original!.registryNumber! : '';
  const copy = await issueWith(licence, DEMO_AUTHORITY.bin, 'DU2', { originalNumber, procedure: 'duplicate', number: `${originalNumber}-D1` });
  assert.deepEqual(copy.results, [{ mutationId: 4, outcome: 'accepted', registryNumber: `${originalNumber}-D1` }]);
  const [recorded] = await db.query<{ licence_number: string }>('SELECT licence_number FROM licence_duplicates WHERE number = $1', [`${originalNumber}-D1`]);
  assert.equal(recorded?.licence_number, originalNumber);
  const checked = await publicLicence(db, { number: `${originalNumber}-D1` });
  assert.deepEqual([checked?.number, checked?.status], [originalNumber, 'active'], 'the copy answers with its licence, still in force');

  assert.deepEqual((await issueWith(licence, DEMO_AUTHORITY.bin, 'DU3', { originalNumber, procedure: 'duplicate', number: `${originalNumber}-D1` })).results, [
    { mutationId: 4, outcome: 'rejected', reason: 'decision-number-used' },
  ]);
  assert.deepEqual((await issueWith(licence, DEMO_AUTHORITY.bin, 'DU4', { originalNumber, procedure: 'duplicate', number: 'KZ26XXX00000042-D1' })).results, [
    { mutationId: 4, outcome: 'rejected', reason: 'licence-number-not-leased' },
  ]);
  assert.deepEqual((await issueWith(licence, '120240012345', 'AST3', { originalNumber, procedure: 'duplicate', number: `${originalNumber}-D2` })).results, [
    { mutationId: 4, outcome: 'rejected', reason: 'original-licence-unknown' },
  ], "another authority's licence is not its to copy");
  const [licences] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM licences WHERE number = $1', [originalNumber]);
  assert.equal(licences!.n, 1);
});
