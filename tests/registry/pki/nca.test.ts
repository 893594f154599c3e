import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { OID } from '../../../pki/asn1/oids';
import { createHash, randomBytes } from 'node:crypto';
import { NCA_TSA_POLICY } from '../../../domain/api/pki';
import { readTimestampResponse, timestampRequest } from '../../../pki/cms/timestamp';
import { crlIssuedBy, parseCrl } from '../../../pki/revocation/crl';
import { ocspRequest, readOcspResponse } from '../../../pki/revocation/ocsp';
import { readCertificate } from '../../../pki/certificates/certificate';
import { issuePersonCertificate, type Issued } from '../../../registry/pki/certificates';
import { NcaSimulator, ncaPaths } from '../../../registry/pki/nca';
import { startSimulators, type RunningSimulator } from '../../../registry/simulators/server';
import { DEMO_HEAD } from '../../../main/demo/seed';
import { tempDir } from '../../support/temp';
import { runAsync } from '../../support/verifiers';

/**
 * The NCA simulator judged by openssl where openssl can judge (the RSA hierarchy: its OCSP answers and CRLs are what
 * a real client accepts), and by the office's own verifier for what openssl cannot read (GOST 2015 signatures).
 */
const DAY = 86_400_000;
let simulators: RunningSimulator;
let nca: NcaSimulator;
let dir: ReturnType<typeof tempDir>;
let leaf: Issued;
let gostLeaf: Issued;
const file = (name: string, content: string | Buffer) => {
  const path = join(dir.path, name);
  writeFileSync(path, content);
  return path;
};
const openssl = (args: string[]) => runAsync('openssl', args);

before(async () => {
  dir = tempDir();
  simulators = await startSimulators();
  nca = NcaSimulator.create(simulators.url, new Date());
  simulators.setNca(nca);
  leaf = issuePersonCertificate(nca.rsa.intermediate, DEMO_HEAD, 'signing', [OID.ekuLegalEntity], new Date(Date.now() - DAY), new Date(Date.now() + DAY));
  gostLeaf = issuePersonCertificate(nca.gost.intermediate, DEMO_HEAD, 'both', [OID.ekuLegalEntity], new Date(Date.now() - DAY), new Date(Date.now() + DAY));
});
after(async () => {
  await simulators.close();
  dir.remove();
});

test('certificates name the distribution points and the OCSP responder of their hierarchy', async () => {
  const cert = readCertificate(leaf.certificateDer);
  assert.deepEqual(cert.endpoints, {
    crl: [simulators.url + ncaPaths.rsaFullCrl],
    deltaCrl: [simulators.url + ncaPaths.rsaDeltaCrl],
    ocsp: [simulators.url + ncaPaths.ocsp],
  });
  const gost = readCertificate(gostLeaf.certificateDer);
  assert.deepEqual(gost.endpoints.crl, [simulators.url + ncaPaths.gostFullCrl]);
  assert.equal(gost.keyAlgorithm, 'gost2015-512');
  assert.equal(gost.signatureAlgorithm, OID.gost2015Signature512);
  assert.deepEqual([gost.canSign, gost.canAuthenticate], [true, true], 'one GOST key signs and logs in');
  assert.deepEqual(gost.keyUsage, ['digitalSignature', 'nonRepudiation', 'keyAgreement']);
  const text = (await openssl(['x509', '-noout', '-text', '-in', file('leaf.pem', leaf.certificatePem)])).out;
  assert.match(text, new RegExp(`OCSP - URI:${simulators.url}/nca/ocsp`));
  assert.match(text, /X509v3 CRL Distribution Points/);
  assert.match(text, /X509v3 Freshest CRL/);
});

test('openssl ocsp accepts the RSA responder: good, then revoked, with the nonce', async () => {
  const chain = file('chain.pem', nca.rsa.root.certificatePem + nca.rsa.intermediate.certificatePem);
  const ask = () =>
    openssl(['ocsp', '-issuer', file('int.pem', nca.rsa.intermediate.certificatePem), '-cert', file('leaf.pem', leaf.certificatePem), '-url', simulators.url + ncaPaths.ocsp, '-CAfile', chain, '-nonce']);
  const good = await ask();
  assert.equal(good.status, 0, good.out);
  assert.match(good.out, /Response verify OK/);
  assert.match(good.out, /leaf\.pem: good/);
  nca.revoke(leaf.certificateDer);
  const revoked = await ask();
  assert.match(revoked.out, /Response verify OK/);
  assert.match(revoked.out, /leaf\.pem: revoked/);
});

test('the GOST OCSP responder answers for GOST certificates, GOST-signed: good, then revoked', async () => {
  const ask = async () => {
    const nonce = randomBytes(16);
    const response = await fetch(simulators.url + ncaPaths.ocsp, {
      method: 'POST',
      body: new Uint8Array(ocspRequest(gostLeaf.certificateDer, nca.gost.intermediate.certificateDer, nonce)),
      headers: { 'content-type': 'application/ocsp-request' },
    });
    const der = Buffer.from(await response.arrayBuffer());
    assert.match((await openssl(['asn1parse', '-inform', 'DER', '-in', file('gost-ocsp.der', der), '-strparse', '26'])).out, /1\.2\.398\.3\.10\.1\.1\.2\.3\.2/, 'signed with GOST 2015/512');
    return readOcspResponse(der, { certificateDer: gostLeaf.certificateDer, issuerDer: nca.gost.intermediate.certificateDer, nonce, now: new Date() });
  };
  assert.equal((await ask()).status, 'good');
  nca.revoke(gostLeaf.certificateDer);
  assert.equal((await ask()).status, 'revoked');
});

test('the TSA answers NCA\'s GOST 2015 policy with a GOST-signed token (openssl reads it), and refuses the retired GOST 2004 policy', async () => {
  const data = Buffer.from('the licence bytes');
  const digest = createHash('sha256').update(data).digest();
  const post = async (body: Buffer) =>
    Buffer.from(await (await fetch(simulators.url + ncaPaths.tsp, { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': 'application/timestamp-query' } })).arrayBuffer());
  const nonce = randomBytes(8);
  const reply = await post(timestampRequest({ digest, nonce, policy: NCA_TSA_POLICY }));
  const text = (await openssl(['ts', '-reply', '-in', file('reply.tsr', reply), '-text'])).out;
  assert.match(text, /Status: Granted/);
  assert.match(text, /Policy OID: 1\.2\.398\.3\.3\.2\.6\.4/);
  const { read } = readTimestampResponse(reply, { digest, nonce, policy: NCA_TSA_POLICY });
  assert.deepEqual(read.problems, []);
  assert.equal(readCertificate(read.tsaCertificate!).keyAlgorithm, 'gost2015-512');
  const old = await post(timestampRequest({ digest, nonce, policy: OID.tsaPolicyGost2004 }));
  assert.match((await openssl(['ts', '-reply', '-in', file('old.tsr', old), '-text'])).out, /Status: Rejected[\s\S]*policy is not supported/);
});

test('full and delta CRLs: a revocation reaches the delta at once and the full CRL when it is next published', async () => {
  const get = async (path: string) => parseCrl(Buffer.from(await (await fetch(simulators.url + path)).arrayBuffer()));
  const serial = readCertificate(leaf.certificateDer).serialHex.toLowerCase();
  nca.revoke(leaf.certificateDer);
  const full = await get(ncaPaths.rsaFullCrl);
  const delta = await get(ncaPaths.rsaDeltaCrl);
  assert.equal(delta.deltaOf, full.crlNumber);
  assert.ok(delta.crlNumber! > full.crlNumber!);
  const crlText = (await openssl(['crl', '-inform', 'DER', '-noout', '-text', '-in', file('delta.crl', delta.der)])).out;
  assert.match(crlText, /Delta CRL Indicator/);
  assert.ok(delta.revoked.some((r) => r.serialHex === serial) || full.revoked.some((r) => r.serialHex === serial));
  nca.publishFullCrl();
  const next = await get(ncaPaths.rsaFullCrl);
  assert.ok(next.revoked.some((r) => r.serialHex === serial));
  assert.ok(next.crlNumber! > delta.crlNumber!);
});

test('the GOST CA\'s CRLs are GOST-signed by it, and by nothing else', async () => {
  const get = async (path: string) => parseCrl(Buffer.from(await (await fetch(simulators.url + path)).arrayBuffer()));
  const full = await get(ncaPaths.gostFullCrl);
  assert.equal(full.signatureAlgorithm, OID.gost2015Signature512);
  assert.ok(crlIssuedBy(full, nca.gost.intermediate.certificateDer));
  assert.equal(crlIssuedBy(full, nca.rsa.intermediate.certificateDer), false);
  assert.ok(crlIssuedBy(await get(ncaPaths.gostRootCrl), nca.gost.root.certificateDer));
  const delta = await get(ncaPaths.gostDeltaCrl);
  assert.equal(delta.deltaOf, full.crlNumber);
});

test('nonsense requests get protocol errors, not crashes', async () => {
  const post = async (path: string) => Buffer.from(await (await fetch(simulators.url + path, { method: 'POST', body: 'garbage' })).arrayBuffer());
  assert.deepEqual([...(await post(ncaPaths.ocsp))], [0x30, 0x03, 0x0a, 0x01, 0x01], 'OCSP malformedRequest');
  assert.deepEqual([...(await post(ncaPaths.tsp))], [0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02], 'TSA rejection');
});
