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
let key: Buffer;
before(async () => {
  t = await startTestCore();
  key = readFileSync(t.pki.headKeyFile);
});
after(async () => {
  await t.close();
});

test('a PDF made elsewhere (with an xref stream) is signed, then signed again, and both signatures verify', async () => {
  const dir = tempDir();
  try {
    const original = await samplePdf('Outgoing letter 12', 2);
    const once = await signOutgoingPdf(t.core.ctx, original, key, 'demo-key-password');
    assert.ok(once.subarray(0, original.length).equals(original), 'the original bytes are kept as they were');
    const twice = await signOutgoingPdf(t.core.ctx, once, key, 'demo-key-password');
    assert.ok(twice.subarray(0, once.length).equals(once), 'the first signed revision is kept as it was');

    const report = await verifyDocument(t.core.ctx, twice);
    assert.equal(report.signatures.length, 2);
    assert.deepEqual(report.signatures.map((s) => s.signatureValid), [true, true]);
    assert.deepEqual(report.signatures.map((s) => s.coversWholeFile), [false, true]);
    assert.equal(report.valid, true);

    const file = join(dir.path, 'twice.pdf');
    writeFileSync(file, twice);
    const nss = nssTrustStore(join(dir.path, 'nss'), t.pki.rootPem, [t.pki.intermediatePem]);
    const out = await pdfsig(file, nss);
    assert.equal(out.match(/Signature is Valid/g)?.length, 2, out);
    assert.match(out, /Signature Field Name: Signature1/);
    assert.match(out, /Signature Field Name: Signature2/);
  } finally {
    dir.remove();
  }
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
