import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { OID } from '../../../pki/asn1/oids';
import { DEMO_HEAD } from '../../../main/demo/seed';
import { setNetworkSettings } from '../../../main/services/pki-settings';
import { signOutgoingPdf } from '../../../main/services/outgoing';
import { verifyDocument } from '../../../main/services/verification';
import { issuePersonCertificate, type KeyKind } from '../../../registry/pki/certificates';
import { toPkcs12 } from '../../../registry/pki/key-file';
import { NCA_TSA_POLICY } from '../../../domain/api/pki';
import { ncaPaths } from '../../../registry/pki/nca';
import { startTestCore, type TestCore } from '../../support/core';
import { samplePdf } from '../../support/documents';
import { tempDir } from '../../support/temp';
import { nssTrustStore, pdfsig } from '../../support/verifiers';

/**
 * The office against the demo NCA on loopback: OCSP before every signature, CRLs downloaded from the
 * distribution points once the stored ones expire, time-stamps from the TSA; offline, the stored data.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let offset = 0;
const clock = () => new Date(Date.now() + offset);
let t: TestCore;
let pdf: Buffer;
before(async () => {
  t = await startTestCore({ now: clock });
  pdf = await samplePdf('Letter');
});
after(async () => {
  await t.close();
});

const PASSWORD = 'key-password';
/** A key of the head: GOST 2015 as NCA issues them now, RSA on request. */
function newHeadKey(kind: KeyKind = 'gost2015') {
  const ca = t.nca.ca(kind);
  const issued = issuePersonCertificate(ca.intermediate, DEMO_HEAD, kind === 'rsa' ? 'signing' : 'both', [OID.ekuLegalEntity, OID.ekuFirstHead], new Date(clock().getTime() - DAY), new Date(clock().getTime() + 365 * DAY));
  return { issued, p12: toPkcs12(issued, [ca.intermediate], PASSWORD) };
}
const sign = (p12: Buffer) => signOutgoingPdf(t.core.ctx, pdf, p12, PASSWORD);
const lastSigningWarnings = () =>
  (JSON.parse((t.core.ctx.db.prepare("SELECT payload FROM events WHERE type = 'document.signed' ORDER BY rowid DESC LIMIT 1").get() as { payload: string }).payload) as { warnings: string[] }).warnings;
const network = (settings: Partial<{ online: boolean; tsaUrl: string | null; ocspUrl: string | null }>) =>
  setNetworkSettings(t.core.ctx, { online: true, tsaUrl: t.nca.baseUrl + ncaPaths.tsp, tsaPolicy: NCA_TSA_POLICY, ocspUrl: null, ...settings }, null);

test('online: the NCA answers OCSP (GOST-signed) before a GOST signature, and the signature carries its GOST time-stamp', async () => {
  const key = newHeadKey();
  const signed = await sign(key.p12);
  assert.deepEqual(lastSigningWarnings(), []);
  const report = await verifyDocument(t.core.ctx, signed);
  assert.equal(report.valid, true, JSON.stringify(report.signatures[0]!.problems));
  const signature = report.signatures[0]!;
  assert.equal(signature.timestamp?.valid, true);
  assert.equal(signature.timestamp?.tsa, 'TSA Демо (GOST)');
  assert.equal(signature.judgedAt, signature.timestamp?.time);
  assert.deepEqual(signature.revocation, { now: 'good', atSigning: 'good', revokedAt: null, stale: false, source: 'ocsp' });
  const stored = t.core.ctx.db.prepare('SELECT status FROM ocsp_responses').all();
  assert.ok(stored.length >= 1);
});

test('an RSA signature gets the same GOST time-stamp, and pdfsig still finds the PAdES signature valid', async () => {
  const key = newHeadKey('rsa');
  const signed = await sign(key.p12);
  assert.deepEqual(lastSigningWarnings(), []);
  const report = await verifyDocument(t.core.ctx, signed);
  assert.equal(report.valid, true, JSON.stringify(report.signatures[0]!.problems));
  assert.equal(report.signatures[0]!.timestamp?.valid, true);
  const dir = tempDir();
  try {
    const file = join(dir.path, 'stamped.pdf');
    writeFileSync(file, signed);
    const out = await pdfsig(file, nssTrustStore(join(dir.path, 'nss'), t.pki.rsaRootPem, [t.pki.rsaIntermediatePem]));
    assert.match(out, /Signature is Valid/, 'the time-stamp attribute leaves the PAdES signature valid for pdfsig');
  } finally {
    dir.remove();
  }
});

test('a certificate the NCA revoked minutes ago is refused through OCSP, before any CRL says so', async () => {
  const key = newHeadKey();
  t.nca.revoke(key.issued.certificateDer, clock());
  await assert.rejects(sign(key.p12), { code: 'signing-refused', reason: 'revoked' });
  const row = t.core.ctx.db.prepare("SELECT status FROM ocsp_responses WHERE status = 'revoked'").get();
  assert.deepEqual(row, { status: 'revoked' });
});

test('OCSP unreachable: the stored delta CRL counts until its nextUpdate, then a fresh one is downloaded', async () => {
  network({ ocspUrl: 'http://127.0.0.1:1/ocsp' });
  const key = newHeadKey();
  await sign(key.p12); // fetches the current delta CRL, if none was stored yet
  t.nca.revoke(key.issued.certificateDer, clock());
  await sign(key.p12); // the stored delta is still current and knows nothing of it
  offset += 2 * HOUR; // past the delta's nextUpdate
  await assert.rejects(sign(key.p12), { code: 'signing-refused', reason: 'revoked' });
  const downloads = t.core.ctx.db.prepare("SELECT count(*) AS n FROM events WHERE type = 'crl.imported' AND payload LIKE '%\"download\"%'").get() as { n: number };
  assert.ok(downloads.n >= 2, 'delta CRLs came from the distribution point');
  network({});
});

test('offline: signing goes on with the stored data (stale rule "warn") and no time-stamp; online again, verification finds the revocation', async () => {
  const key = newHeadKey();
  await sign(key.p12);
  network({ online: false });
  t.nca.revoke(key.issued.certificateDer, clock());
  offset += 2 * DAY; // every stored CRL and OCSP answer is now out of date
  const signed = await sign(key.p12);
  assert.deepEqual(lastSigningWarnings().sort(), ['crl-stale', 'timestamp-offline']);
  const offline = await verifyDocument(t.core.ctx, signed);
  assert.equal(offline.signatures[0]!.timestamp, null);
  assert.equal(offline.signatures[0]!.revocation?.stale, true);
  assert.equal(offline.valid, true, JSON.stringify(offline.signatures[0]));

  network({ online: true });
  const online = await verifyDocument(t.core.ctx, signed);
  assert.equal(online.signatures[0]!.revocation?.now, 'revoked');
  assert.equal(online.signatures[0]!.revocation?.atSigning, 'revoked');
  assert.ok(online.signatures[0]!.problems.includes('revoked-before-signing'));
  assert.equal(online.valid, false);
  const full = t.core.ctx.db.prepare("SELECT count(*) AS n FROM events WHERE type = 'crl.imported' AND payload LIKE '%\"full\"%' AND payload LIKE '%\"download\"%'").get() as { n: number };
  assert.ok(full.n >= 1, 'the expired full CRL was replaced from its distribution point');
});

test('network settings: only an administrator sets them, and a bad address is refused and changes nothing', async () => {
  const admin = await t.as('admin');
  const before = (await admin['trust.list']({})).network;
  await assert.rejects(admin['trust.setNetwork']({ online: true, tsaUrl: 'ftp://tsp.example', ocspUrl: null }), { code: 'invalid-arguments' });
  await assert.rejects(admin['trust.setNetwork']({ online: true, tsaUrl: null, tsaPolicy: 'policy 6.4', ocspUrl: null }), { code: 'invalid-arguments' });
  await assert.rejects((await t.as('head'))['trust.setNetwork']({ online: false, tsaUrl: null, ocspUrl: null }), { code: 'forbidden' });
  assert.deepEqual((await admin['trust.list']({})).network, before);
  assert.equal(before.tsaPolicy, NCA_TSA_POLICY, "NCA's GOST 2015 policy unless the administrator says otherwise");
  await admin['trust.setNetwork']({ online: false, tsaUrl: null, tsaPolicy: null, ocspUrl: 'http://ocsp.pki.gov.kz' });
  assert.deepEqual((await admin['trust.list']({})).network, { online: false, tsaUrl: null, tsaPolicy: null, ocspUrl: 'http://ocsp.pki.gov.kz' });
  await admin['trust.setNetwork']({ online: false, tsaUrl: null, ocspUrl: null });
  assert.equal((await admin['trust.list']({})).network.tsaPolicy, NCA_TSA_POLICY, 'left out, the default');
  network({});
});
