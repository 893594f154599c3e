import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { issueCrl } from '../../../registry/pki/crl-issuer';
import { setStaleRule } from '../../../main/services/pki-settings';
import { importCrl } from '../../../main/services/revocation';
import { signOutgoingPdf } from '../../../main/services/outgoing';
import { trustCertificates } from '../../../main/services/trust';
import { verifyDocument } from '../../../main/services/verification';
import { startTestCore, type TestCore } from '../../support/core';
import { samplePdf } from '../../support/documents';
import { createTestPki, TEST_KEY_PASSWORD, type TestPki } from '../../support/pki';

const DAY = 86_400_000;
let t: TestCore;
let pki: TestPki;
let pdf: Buffer;
before(async () => {
  t = await startTestCore();
  pki = createTestPki();
  trustCertificates(t.core.ctx, [pki.root.certificateDer, pki.intermediate.certificateDer], null);
  pdf = await samplePdf('Letter');
});
after(async () => {
  await t.close();
});

const now = () => new Date();
const sign = (p12: Buffer) => signOutgoingPdf(t.core.ctx, pdf, p12, TEST_KEY_PASSWORD);
const crl = (ca: TestPki['root'], revoked: string[], crlNumber: number, deltaOf?: number, nextUpdate = new Date(Date.now() + 7 * DAY)) =>
  issueCrl(ca, { revoked: revoked.map((serialHex) => ({ serialHex, revokedAt: new Date(Date.now() - 60_000) })), thisUpdate: new Date(Date.now() - 60_000), nextUpdate, crlNumber, ...(deltaOf === undefined ? {} : { deltaOf }) });

test('revoked by the full CRL, then by a delta CRL: refused; others still sign', async () => {
  const a = pki.signer();
  const b = pki.signer();
  const c = pki.signer();
  // No CRL for this CA yet: under the default 'warn' rule signing goes on, with a warning on record.
  await sign(a.p12);

  importCrl(t.core.ctx, crl(pki.intermediate, [a.serialHex], 10), null);
  await assert.rejects(sign(a.p12), { code: 'signing-refused', reason: 'revoked' });
  await sign(b.p12);

  importCrl(t.core.ctx, crl(pki.intermediate, [b.serialHex], 11, 10), null);
  await assert.rejects(sign(b.p12), { code: 'signing-refused', reason: 'revoked' });
  const signedByC = await sign(c.p12);
  const report = await verifyDocument(t.core.ctx, signedByC);
  assert.equal(report.valid, true);
  assert.equal(report.signatures[0]!.revocation!.now, 'good');
});

test('a document signed before its signer was revoked stays valid, and says the certificate is revoked now', async () => {
  const d = pki.signer();
  const signed = await sign(d.p12);
  importCrl(t.core.ctx, issueCrl(pki.intermediate, { revoked: [{ serialHex: d.serialHex, revokedAt: new Date(Date.now() + 1000) }], thisUpdate: now(), nextUpdate: new Date(Date.now() + DAY), crlNumber: 12 }), null);
  const report = await verifyDocument(t.core.ctx, signed);
  assert.equal(report.signatures[0]!.revocation!.now, 'revoked');
  assert.equal(report.signatures[0]!.revocation!.atSigning, 'good');
  assert.equal(report.valid, true, JSON.stringify(report.signatures[0]!.problems));
});

test('bad CRLs are refused with the reason and change nothing', () => {
  const stranger = createTestPki();
  assert.throws(() => importCrl(t.core.ctx, Buffer.from('not a crl'), null), { code: 'invalid-input', reason: 'crl-malformed' });
  const full = crl(pki.intermediate, [], 20);
  assert.throws(() => importCrl(t.core.ctx, full.subarray(0, full.length - 20), null), { reason: 'crl-malformed' });
  assert.throws(() => importCrl(t.core.ctx, crl(stranger.intermediate, [], 1), null), { reason: 'crl-issuer-not-trusted' });
  assert.throws(() => importCrl(t.core.ctx, crl(pki.intermediate, [], 30, undefined, new Date(Date.now() - DAY)), null), { reason: 'crl-expired' });
  assert.throws(() => importCrl(t.core.ctx, crl(pki.intermediate, [], 5), null), { reason: 'crl-older-than-stored' });
});

test('a CRL dated in the future, or numbered past what can be compared, is refused and does not block the genuine ones', () => {
  const future = issueCrl(pki.intermediate, { revoked: [], thisUpdate: new Date(Date.now() + 30 * DAY), nextUpdate: new Date(Date.now() + 60 * DAY), crlNumber: 1_000_000 });
  assert.throws(() => importCrl(t.core.ctx, future, null), { code: 'invalid-input', reason: 'crl-from-the-future' });
  const huge = issueCrl(pki.intermediate, { revoked: [], thisUpdate: new Date(Date.now() - 60_000), nextUpdate: new Date(Date.now() + DAY), crlNumber: 2 ** 80 });
  assert.throws(() => importCrl(t.core.ctx, huge, null), { code: 'invalid-input', reason: 'crl-number-out-of-range' });
  // A few minutes ahead is clock skew, not forgery.
  const skewed = issueCrl(pki.intermediate, { revoked: [], thisUpdate: new Date(Date.now() + 60_000), nextUpdate: new Date(Date.now() + DAY), crlNumber: 40 });
  assert.equal(importCrl(t.core.ctx, skewed, null).crlNumber, 40);
  assert.equal(importCrl(t.core.ctx, crl(pki.intermediate, [], 41), null).crlNumber, 41);
});

test('under the "block" rule, a CA without current revocation data cannot be used to sign', async () => {
  const other = createTestPki();
  trustCertificates(t.core.ctx, [other.root.certificateDer, other.intermediate.certificateDer], null);
  setStaleRule(t.core.ctx, 'block', null);
  try {
    await assert.rejects(signOutgoingPdf(t.core.ctx, pdf, other.signer().p12, TEST_KEY_PASSWORD), { reason: 'revocation-unknown' });
  } finally {
    setStaleRule(t.core.ctx, 'warn', null);
  }
});
