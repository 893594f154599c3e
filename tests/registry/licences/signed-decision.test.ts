import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { checkSignedDecision } from '../../../registry/licences/signed-decision';
import { DEMO_AUTHORITY } from '../../../main/demo/seed';
import { startTestCore, type TestCore } from '../../support/core';
import { signedLicence } from '../../support/workflow';
import { parseCertificates } from '../../../main/services/trust';

let t: TestCore;
let licence: Buffer;
let roots: Buffer[];
before(async () => {
  t = await startTestCore();
  licence = await signedLicence(t);
  roots = parseCertificates(readFileSync(t.pki.rootPem));
});
after(() => t.close());

test('the registry accepts a licence the office signed, verified through pki/ against the NCA root', () => {
  const check = checkSignedDecision(licence, roots, { authorityBin: DEMO_AUTHORITY.bin }, new Date());
  assert.equal(check.accepted, true);
  assert.equal(check.accepted && check.signerIin, '781103500670');
});

test('the registry refuses a licence signed for another authority, altered, or chained to no root it trusts', () => {
  assert.deepEqual(checkSignedDecision(licence, roots, { authorityBin: '000140000028' }, new Date()), { accepted: false, problems: ['signer-not-of-this-authority'] });
  const altered = Buffer.from(licence);
  const at = altered.indexOf('/AjoDecision');
  altered[at + 1] = 'B'.charCodeAt(0);
  const alteredCheck = checkSignedDecision(altered, roots, { authorityBin: DEMO_AUTHORITY.bin }, new Date());
  assert.equal(alteredCheck.accepted, false);
  assert.ok(!alteredCheck.accepted && alteredCheck.problems.includes('signature-invalid'), JSON.stringify(alteredCheck));
  const untrusted = checkSignedDecision(licence, [], { authorityBin: DEMO_AUTHORITY.bin }, new Date());
  assert.ok(!untrusted.accepted && untrusted.problems.includes('untrusted-chain'), JSON.stringify(untrusted));
});
