import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { readCertificate } from '../../../pki/certificates/certificate';
import { cmsInContents } from '../../../pki/pdf/verify-pdf';
import { verifyCms } from '../../../pki/cms/verify';
import { toLittleEndian } from '../../../pki/gost/nca';
import { TC26_512_A } from '../../../pki/gost/curves';
import { issuePersonCertificate } from '../../../registry/pki/certificates';
import { toPkcs12 } from '../../../registry/pki/key-file';
import { DEMO_HEAD } from '../../../main/demo/seed';
import { OID } from '../../../pki/asn1/oids';
import { startTestCore, type TestCore } from '../../support/core';
import { gostKeyP12 } from '../../support/p12-builders';
import { readyForDecision, signedLicence } from '../../support/workflow';
import { ru } from '../../../renderer/src/i18n/ru';
import { kk } from '../../../renderer/src/i18n/kk';

/**
 * Bad GOST input, each a clear refusal that records nothing: a key file with the wrong password, cut short, whose
 * key is not its certificate's, or on an unknown curve; a CA certificate on an unknown curve; a signature whose r
 * or s is out of range; a CMS file with bytes after it.
 */
let t: TestCore;
before(async () => {
  t = await startTestCore();
});
after(async () => {
  await t.close();
});

const DAY = 86_400_000;
const b64 = (b: Buffer) => b.toString('base64');
const count = (sql: string) => (t.core.ctx.db.prepare(sql).get() as { n: number }).n;
const recorded = () => [count('SELECT count(*) AS n FROM decisions'), count("SELECT count(*) AS n FROM events WHERE type IN ('licence.issued', 'licence.refused')")];
/** Every reason the UI may show has its words in both languages. */
const said = (reason: string) => {
  const message = (messages: typeof ru) => (messages.reasons as Record<string, string>)[reason];
  assert.ok(message(ru) && message(kk), `${reason}: kk and ru`);
};

async function refusedSigning(keyFile: Buffer, password: string, reason: string) {
  const { app, head } = await readyForDecision(t);
  const before = recorded();
  const status = (await head['applications.get']({ id: app.id })).status;
  await assert.rejects(head['decisions.issueLicence']({ applicationId: app.id, keyFileBase64: b64(keyFile), keyPassword: password }), { code: 'signing-refused', reason });
  assert.deepEqual(recorded(), before, 'nothing recorded');
  assert.equal((await head['applications.get']({ id: app.id })).status, status);
  said(reason);
}

test('a GOST key file with the wrong password, or cut short, is refused and nothing is signed', async () => {
  const file = readFileSync(t.pki.headKeyFile);
  await refusedSigning(file, 'wrong', 'key-wrong-password');
  await refusedSigning(file.subarray(0, file.length - 200), 'demo-key-password', 'key-corrupt');
});

test('a GOST key that is not its certificate\'s is refused', async () => {
  const now = Date.now();
  const issue = () => issuePersonCertificate(t.nca.gost.intermediate, DEMO_HEAD, 'both', [OID.ekuLegalEntity, OID.ekuFirstHead], new Date(now - DAY), new Date(now + DAY));
  const [mine, other] = [issue(), issue()];
  await refusedSigning(toPkcs12({ ...mine, key: other.key }, [t.nca.gost.intermediate], 'p'), 'p', 'key-key-mismatch');
});

test('a GOST key on a curve NCA does not issue is refused, and so is a CA certificate on one', async () => {
  const cert = readCertificate(issuePersonCertificate(t.nca.gost.intermediate, DEMO_HEAD, 'both', [OID.ekuFirstHead], new Date(Date.now() - DAY), new Date(Date.now() + DAY)).certificateDer);
  await refusedSigning(gostKeyP12(toLittleEndian(12345n, 64), '1.2.398.3.10.1.1.2.2.9', cert.der), 'x', 'key-unknown-curve');

  // NCA's parameter set OID in the CA's key, its last arc changed: 1.2.398.3.10.1.1.2.2.1 → …2.2.9.
  const known = Buffer.from('2a830e030a0101020201', 'hex');
  const ca = Buffer.from(t.nca.gost.intermediate.certificateDer);
  ca.set(Buffer.from('2a830e030a0101020209', 'hex'), ca.indexOf(known));
  assert.equal(readCertificate(ca).keyProblem, 'unknown-curve');
  const admin = await t.as('admin');
  const trusted = count('SELECT count(*) AS n FROM trusted_certificates');
  await assert.rejects(admin['trust.addCertificates']({ contentBase64: b64(ca) }), { code: 'invalid-input', reason: 'unknown-curve' });
  assert.equal(count('SELECT count(*) AS n FROM trusted_certificates'), trusted);
  said('unknown-curve');
});

test('a GOST signature whose r or s is out of range (q itself, or 0) is found invalid, not computed with', async () => {
  const licence = await signedLicence(t);
  const text = licence.toString('latin1');
  const contents = /\/Contents\s*<([0-9a-fA-F]+)>/.exec(text)!;
  const value = verifyCms(cmsInContents(contents[1]!), null).signatureValue!;
  const head = await t.as('head');
  assert.equal((await head['documents.verify']({ fileName: 'licence.pdf', contentBase64: b64(licence) })).valid, true);
  const q = toLittleEndian(TC26_512_A.q, 64);
  for (const forged of [Buffer.concat([q, value.subarray(64)]), Buffer.concat([value.subarray(0, 64), Buffer.alloc(64)])]) {
    const hex = contents[1]!.replace(new RegExp(value.toString('hex'), 'i'), forged.toString('hex'));
    assert.notEqual(hex, contents[1]);
    const pdf = Buffer.from(text.replace(contents[1]!, hex), 'latin1');
    const report = await head['documents.verify']({ fileName: 'licence.pdf', contentBase64: b64(pdf) });
    assert.equal(report.valid, false);
    // The time-stamp covers the signature value, so it no longer fits either.
    assert.deepEqual(report.signatures[0]!.problems, ['signature-mismatch', 'timestamp-invalid']);
  }
});

test('a CMS file with bytes after it is refused, as is a file that is no signature at all', async () => {
  const head = await t.as('head');
  const { app } = await readyForDecision(t);
  const cms = Buffer.from((t.core.ctx.db.prepare('SELECT form_cms_sha256 AS sha FROM applications WHERE id = ?').get(app.id) as { sha: string }).sha, 'utf8');
  const stored = t.core.ctx.blobs.get(cms.toString(), 'form.p7s');
  const ok = await head['documents.verify']({ fileName: 'form.p7s', contentBase64: b64(stored) });
  assert.equal(ok.format, 'cms');
  assert.equal(ok.signatures[0]!.signer?.iin, '621012400231');
  assert.deepEqual(ok.signatures[0]!.problems, ['content-missing'], 'detached: the form itself is asked for');
  await assert.rejects(head['documents.verify']({ fileName: 'form.p7s', contentBase64: b64(Buffer.concat([stored, Buffer.from([0, 0])])) }), { code: 'invalid-input', reason: 'cms-trailing-bytes' });
  await assert.rejects(head['documents.verify']({ fileName: 'notes.txt', contentBase64: b64(Buffer.from('not a signature')) }), { code: 'invalid-input', reason: 'not-a-signed-document' });
  said('cms-trailing-bytes');
  said('not-a-signed-document');
});
