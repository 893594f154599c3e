import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { signOutgoingPdf } from '../../../main/services/outgoing';
import { verifyDocument } from '../../../main/services/verification';
import { startTestCore, type TestCore } from '../../support/core';
import { samplePdf, withFlippedByte } from '../../support/documents';
import { tempDir } from '../../support/temp';
import { nssTrustStore, pdfsig } from '../../support/verifiers';

let t: TestCore;
/** The head's GOST 2015 key (the demo's default, as NCA's), and the RSA key that pdfsig can judge too. */
let key: Buffer;
let rsaKey: Buffer;
before(async () => {
  t = await startTestCore();
  key = readFileSync(t.pki.headKeyFile);
  rsaKey = readFileSync(t.pki.headRsaKeyFile);
});
after(async () => {
  await t.close();
});

test('a PDF made elsewhere (with an xref stream) is signed, then signed again, and both signatures verify (RSA, so pdfsig judges too)', async () => {
  const dir = tempDir();
  try {
    const original = await samplePdf('Outgoing letter 12', 2);
    const once = await signOutgoingPdf(t.core.ctx, original, rsaKey, 'demo-key-password');
    assert.ok(once.subarray(0, original.length).equals(original), 'the original bytes are kept as they were');
    const twice = await signOutgoingPdf(t.core.ctx, once, rsaKey, 'demo-key-password');
    assert.ok(twice.subarray(0, once.length).equals(once), 'the first signed revision is kept as it was');

    const report = await verifyDocument(t.core.ctx, twice);
    assert.equal(report.signatures.length, 2);
    assert.deepEqual(report.signatures.map((s) => s.signatureValid), [true, true]);
    assert.deepEqual(report.signatures.map((s) => s.coversWholeFile), [false, true]);
    assert.equal(report.valid, true);

    const file = join(dir.path, 'twice.pdf');
    writeFileSync(file, twice);
    const nss = nssTrustStore(join(dir.path, 'nss'), t.pki.rsaRootPem, [t.pki.rsaIntermediatePem]);
    const out = await pdfsig(file, nss);
    assert.equal(out.match(/Signature is Valid/g)?.length, 2, out);
    assert.match(out, /Signature Field Name: Signature1/);
    assert.match(out, /Signature Field Name: Signature2/);
  } finally {
    dir.remove();
  }
});

test('a GOST 2015 signature over an RSA-signed letter: both verify, and the first revision is kept as it was', async () => {
  const once = await signOutgoingPdf(t.core.ctx, await samplePdf('Outgoing letter 13'), rsaKey, 'demo-key-password');
  const twice = await signOutgoingPdf(t.core.ctx, once, key, 'demo-key-password');
  assert.ok(twice.subarray(0, once.length).equals(once));
  const report = await verifyDocument(t.core.ctx, twice);
  assert.deepEqual(report.signatures.map((s) => [s.signatureValid, s.chainTrusted]), [[true, true], [true, true]]);
  assert.equal(report.valid, true, JSON.stringify(report.signatures.map((s) => s.problems)));
});

test('content appended after the last signature, or a changed byte, makes the document invalid', async () => {
  const signed = await signOutgoingPdf(t.core.ctx, await samplePdf('Letter'), key, 'demo-key-password');
  const appended = Buffer.concat([signed, Buffer.from('\n1 0 obj\n(changed)\nendobj\n')]);
  const report = await verifyDocument(t.core.ctx, appended);
  assert.equal(report.valid, false);
  assert.deepEqual(report.signatures[0]!.problems, ['content-after-signature']);
  assert.equal((await verifyDocument(t.core.ctx, withFlippedByte(signed, 100))).valid, false);
});

test('signing refuses what it must, and says why', async () => {
  const pdf = await samplePdf('Letter');
  await assert.rejects(signOutgoingPdf(t.core.ctx, pdf, key, 'wrong'), { code: 'signing-refused', reason: 'key-wrong-password' });
  await assert.rejects(signOutgoingPdf(t.core.ctx, Buffer.from('plain text renamed to .pdf'), key, 'demo-key-password'), { code: 'invalid-input', reason: 'not-a-pdf' });
  await assert.rejects(signOutgoingPdf(t.core.ctx, pdf, Buffer.from('not a key'), 'x'), { code: 'signing-refused', reason: 'key-corrupt' });
  await assert.rejects(signOutgoingPdf(t.core.ctx, Buffer.alloc(60 * 1024 * 1024, 0x25), key, 'demo-key-password'), { code: 'invalid-input', reason: 'file-too-large' });
});
