import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { OID } from '../../../pki/asn1/oids';
import { parseCrl } from '../../../pki/revocation/crl';
import { readCertificate } from '../../../pki/certificates/certificate';
import { issuePersonCertificate, type Issued } from '../../../registry/pki/certificates';
import { NcaSimulator, ncaPaths } from '../../../registry/pki/nca';
import { startSimulators, type RunningSimulator } from '../../../registry/simulators/server';
import { DEMO_HEAD } from '../../../main/demo/seed';
import { tempDir } from '../../support/temp';
import { runAsync } from '../../support/verifiers';

/** The NCA simulator judged by openssl: its OCSP answers, time-stamps and CRLs are what a real client accepts. */
const DAY = 86_400_000;
let simulators: RunningSimulator;
let nca: NcaSimulator;
let dir: ReturnType<typeof tempDir>;
let leaf: Issued;
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
  leaf = issuePersonCertificate(nca.intermediate, DEMO_HEAD, 'signing', [OID.ekuLegalEntity], new Date(Date.now() - DAY), new Date(Date.now() + DAY));
});
after(async () => {
  await simulators.close();
  dir.remove();
});

test('certificates name the distribution points and the OCSP responder', async () => {
  const cert = readCertificate(leaf.certificateDer);
  assert.deepEqual(cert.endpoints, {
    crl: [simulators.url + ncaPaths.fullCrl],
    deltaCrl: [simulators.url + ncaPaths.deltaCrl],
    ocsp: [simulators.url + ncaPaths.ocsp],
  });
  const text = (await openssl(['x509', '-noout', '-text', '-in', file('leaf.pem', leaf.certificatePem)])).out;
  assert.match(text, new RegExp(`OCSP - URI:${simulators.url}/nca/ocsp`));
  assert.match(text, /X509v3 CRL Distribution Points/);
  assert.match(text, /X509v3 Freshest CRL/);
});

test('openssl ocsp accepts the responder: good, then revoked, with the nonce', async () => {
  const chain = file('chain.pem', nca.root.certificatePem + nca.intermediate.certificatePem);
  const ask = () =>
    openssl(['ocsp', '-issuer', file('int.pem', nca.intermediate.certificatePem), '-cert', file('leaf.pem', leaf.certificatePem), '-url', simulators.url + ncaPaths.ocsp, '-CAfile', chain, '-nonce']);
  const good = await ask();
  assert.equal(good.status, 0, good.out);
  assert.match(good.out, /Response verify OK/);
  assert.match(good.out, /leaf\.pem: good/);
  nca.revoke(leaf.certificateDer);
  const revoked = await ask();
  assert.match(revoked.out, /Response verify OK/);
  assert.match(revoked.out, /leaf\.pem: revoked/);
});

test('openssl ts verifies a time-stamp from the TSA', async () => {
  const data = file('data.bin', 'the licence bytes');
  const query = file('query.tsq', '');
  assert.equal((await openssl(['ts', '-query', '-data', data, '-sha256', '-cert', '-out', query])).status, 0);
  const response = await fetch(simulators.url + ncaPaths.tsp, { method: 'POST', body: new Uint8Array(readFileSync(query)), headers: { 'content-type': 'application/timestamp-query' } });
  const reply = file('reply.tsr', Buffer.from(await response.arrayBuffer()));
  const chain = file('ts-chain.pem', nca.root.certificatePem + nca.intermediate.certificatePem);
  const verified = await openssl(['ts', '-verify', '-data', data, '-in', reply, '-CAfile', chain]);
  assert.equal(verified.status, 0, verified.out);
  assert.match(verified.out, /Verification: OK/);
  const other = await openssl(['ts', '-verify', '-data', file('other.bin', 'other bytes'), '-in', reply, '-CAfile', chain]);
  assert.notEqual(other.status, 0, 'a time-stamp over other bytes is refused');
});

test('full and delta CRLs: a revocation reaches the delta at once and the full CRL when it is next published', async () => {
  const get = async (path: string) => parseCrl(Buffer.from(await (await fetch(simulators.url + path)).arrayBuffer()));
  const serial = readCertificate(leaf.certificateDer).serialHex.toLowerCase();
  nca.revoke(leaf.certificateDer);
  const full = await get(ncaPaths.fullCrl);
  const delta = await get(ncaPaths.deltaCrl);
  assert.equal(delta.deltaOf, full.crlNumber);
  assert.ok(delta.crlNumber! > full.crlNumber!);
  const crlText = (await openssl(['crl', '-inform', 'DER', '-noout', '-text', '-in', file('delta.crl', delta.der)])).out;
  assert.match(crlText, /Delta CRL Indicator/);
  assert.ok(delta.revoked.some((r) => r.serialHex === serial) || full.revoked.some((r) => r.serialHex === serial));
  nca.publishFullCrl();
  const next = await get(ncaPaths.fullCrl);
  assert.ok(next.revoked.some((r) => r.serialHex === serial));
  assert.ok(next.crlNumber! > delta.crlNumber!);
});

test('nonsense requests get protocol errors, not crashes', async () => {
  const post = async (path: string) => Buffer.from(await (await fetch(simulators.url + path, { method: 'POST', body: 'garbage' })).arrayBuffer());
  assert.deepEqual([...(await post(ncaPaths.ocsp))], [0x30, 0x03, 0x0a, 0x01, 0x01], 'OCSP malformedRequest');
  assert.deepEqual([...(await post(ncaPaths.tsp))], [0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02], 'TSA rejection');
});
