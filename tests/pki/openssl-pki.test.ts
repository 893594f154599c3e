import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { renderLicence } from '../../main/licence/render';
import { signOutgoingPdf } from '../../main/services/outgoing';
import { importCrl } from '../../main/services/revocation';
import { trustCertificates } from '../../main/services/trust';
import { verifyDocument } from '../../main/services/verification';
import { rsaPrivateKey } from '../../pki/algorithms/private-key';
import { signPdfDocument } from '../../pki/pdf/pades';
import { openKeyFileEntries } from '../../pki/certificates/key-file';
import { startTestCore, type TestCore } from '../support/core';
import { samplePdf } from '../support/documents';
import { createOpensslPki, pemToDer, type OpensslPki } from '../support/openssl-pki';
import { tempDir } from '../support/temp';
import { extractSignature, nssTrustStore, opensslCmsVerify, pdfsig } from '../support/verifiers';

/**
 * The project's verdicts against two independent verifiers, on certificates made by a third tool
 * (the openssl command line): for every case they must agree, and signing must refuse what it must.
 */
const HEAD = '/CN=Сәрсенбаев Қайрат/SN=Сәрсенбаев/serialNumber=IIN781103500670/C=KZ/O=Басқарма/OU=BIN990140001114/GN=Болатұлы';
const OTHER_BIN = '/CN=Сәрсенбаев Қайрат/SN=Сәрсенбаев/serialNumber=IIN781103500670/C=KZ/O=Басқа ұйым/OU=BIN150840001234';

let t: TestCore;
let pki: OpensslPki;
let dir: { path: string; remove: () => void };
let nss: string;
let cases: Record<'valid' | 'expired' | 'revoked' | 'authentication' | 'otherBin' | 'unknownCa', { key: string; cert: string; p12: string; chain: string[] }>;

before(async () => {
  t = await startTestCore();
  dir = tempDir('ajo-openssl-');
  pki = createOpensslPki(join(dir.path, 'pki'));
  const stranger = createOpensslPki(join(dir.path, 'stranger'));
  const withChain = (c: { key: string; cert: string; p12: string }, chain = [pki.intermediatePem]) => ({ ...c, chain });
  cases = {
    valid: withChain(pki.issue('valid', HEAD, 'signing')),
    expired: withChain(pki.issue('expired', HEAD, 'signing', { start: '20200101000000Z', end: '20210101000000Z' })),
    revoked: withChain(pki.issue('revoked', HEAD, 'signing')),
    authentication: withChain(pki.issue('authentication', HEAD, 'authentication')),
    otherBin: withChain(pki.issue('other-bin', OTHER_BIN, 'signing')),
    unknownCa: withChain(stranger.issue('unknown-ca', HEAD, 'signing'), [stranger.intermediatePem]),
  };
  pki.revoke(cases.revoked.cert);
  trustCertificates(t.core.ctx, [pemToDer(pki.rootPem), pemToDer(pki.intermediatePem)], null);
  importCrl(t.core.ctx, readFileSync(pki.crl()), null);
  nss = nssTrustStore(join(dir.path, 'nss'), pki.rootPem, [pki.intermediatePem]);
});
after(async () => {
  await t?.close();
  dir?.remove();
});

/** Signs without the pre-signing checks, to give the verifiers documents that should never be made. */
async function signedWith(name: keyof typeof cases): Promise<string> {
  const c = cases[name];
  const pdf = await signPdfDocument(
    (await renderLicence({
      number: 'KZ26KRG00000009', date: '2026-11-23', activity: { kk: 'Қызмет', ru: 'Деятельность' }, licenceType: { kk: 'Түр', ru: 'Вид' },
      subtypes: [], validity: { kk: 'Мерзімсіз', ru: 'Бессрочная' }, licensee: { kind: 'legal', name: 'ЖШС', address: 'Атырау', idn: '150840001234' },
      licensor: { kk: 'Басқарма', ru: 'Управление' }, headName: 'Сәрсенбаев Қ. Б.', placeOfIssue: { kk: 'Қарағанды', ru: 'Караганда' },
    })).pdf,
    { privateKey: rsaPrivateKey(createPrivateKey(readFileSync(c.key))), certificateDer: pemToDer(c.cert), chainDer: c.chain.map(pemToDer) },
    { reason: 'Тест', location: 'Қарағанды', signerName: name, contactInfo: '', signingTime: new Date() },
  );
  const file = join(dir.path, `${name}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

async function verdicts(file: string, options: { crl?: boolean } = {}) {
  const ours = await verifyDocument(t.core.ctx, readFileSync(file));
  const poppler = await pdfsig(file, nss);
  const { cms, content } = extractSignature(readFileSync(file), dir.path);
  const openssl = opensslCmsVerify(cms, content, pki.rootPem, pki.intermediatePem, {
    purpose: 'smimesign',
    ...(options.crl ? { crlFile: join(pki.dir, 'intermediate.crl') } : {}),
  });
  return { ours, pdfsigValid: /Signature is Valid/.test(poppler) && /Certificate is Trusted/.test(poppler), poppler, openssl };
}

test('valid: signed, and all three verifiers say valid', async () => {
  const [entry] = openKeyFileEntries(readFileSync(cases.valid.p12), 'openssl-key-password');
  assert.ok(entry!.certificate.der.equals(pemToDer(cases.valid.cert)), 'certificates are kept byte for byte');
  assert.ok(entry!.chain[0]!.equals(pemToDer(pki.intermediatePem)));
  const signed = await signOutgoingPdf(t.core.ctx, await samplePdf('Letter'), readFileSync(cases.valid.p12), 'openssl-key-password');
  const file = join(dir.path, 'valid-signed.pdf');
  writeFileSync(file, signed);
  const v = await verdicts(file, { crl: true });
  assert.equal(v.ours.valid, true, JSON.stringify(v.ours.signatures[0]?.problems));
  assert.equal(v.pdfsigValid, true, v.poppler);
  assert.equal(v.openssl.ok, true, v.openssl.output);
  assert.equal(v.ours.signatures[0]!.signer!.patronymic, 'Болатұлы');
});

test('expired: signing refuses; all three verifiers say invalid', async () => {
  await assert.rejects(signOutgoingPdf(t.core.ctx, await samplePdf('x'), readFileSync(cases.expired.p12), 'openssl-key-password'), { reason: 'expired' });
  const v = await verdicts(await signedWith('expired'));
  assert.equal(v.ours.valid, false);
  assert.equal(v.pdfsigValid, false, v.poppler);
  assert.equal(v.openssl.ok, false);
});

test('revoked: signing refuses; we and openssl (with the CRL) say invalid — pdfsig has no CRL to judge by', async () => {
  await assert.rejects(signOutgoingPdf(t.core.ctx, await samplePdf('x'), readFileSync(cases.revoked.p12), 'openssl-key-password'), { reason: 'revoked' });
  const v = await verdicts(await signedWith('revoked'), { crl: true });
  assert.equal(v.ours.valid, false);
  assert.deepEqual(v.ours.signatures[0]!.problems, ['revoked-before-signing']);
  assert.equal(v.openssl.ok, false, v.openssl.output);
  assert.match(v.openssl.output, /revoked/i);
});

test('authentication key: signing refuses; all three verifiers say invalid', async () => {
  await assert.rejects(signOutgoingPdf(t.core.ctx, await samplePdf('x'), readFileSync(cases.authentication.p12), 'openssl-key-password'), { reason: 'not-a-signing-key' });
  const v = await verdicts(await signedWith('authentication'));
  assert.equal(v.ours.valid, false);
  assert.equal(v.pdfsigValid, false, v.poppler);
  assert.equal(v.openssl.ok, false);
});

test('another BIN: signing on this authority\'s behalf refuses; the signature itself is valid for everyone', async () => {
  await assert.rejects(signOutgoingPdf(t.core.ctx, await samplePdf('x'), readFileSync(cases.otherBin.p12), 'openssl-key-password'), { reason: 'bin-mismatch' });
  const v = await verdicts(await signedWith('otherBin'), { crl: true });
  assert.equal(v.ours.valid, true);
  assert.equal(v.ours.signatures[0]!.signer!.bin, '150840001234');
  assert.equal(v.pdfsigValid, true, v.poppler);
  assert.equal(v.openssl.ok, true, v.openssl.output);
});

test('unknown CA: signing refuses; all three verifiers say invalid', async () => {
  await assert.rejects(signOutgoingPdf(t.core.ctx, await samplePdf('x'), readFileSync(cases.unknownCa.p12), 'openssl-key-password'), { reason: 'untrusted-chain' });
  const v = await verdicts(await signedWith('unknownCa'));
  assert.equal(v.ours.valid, false);
  assert.equal(v.pdfsigValid, false, v.poppler);
  assert.equal(v.openssl.ok, false);
});
