import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { addUnsignedAttribute, signatureValue } from '../../../pki/cms/builder';
import { parseDerExact } from '../../../pki/asn1/der';
import { OID } from '../../../pki/asn1/oids';
import { DEMO_HEAD } from '../../../main/demo/seed';
import { readTimestampResponse, signatureImprint, timestampRequest, TimestampError } from '../../../pki/cms/timestamp';
import { signDetached } from '../../../pki/cms/sign';
import { verifyDetachedCms } from '../../../pki/cms/verify';
import { judgeSignature } from '../../../pki/cms/judge';
import { NCA_TSA_POLICY } from '../../../domain/api/pki';
import { streebog512 } from '../../../pki/gost/hashes';
import { issuePersonCertificate, issueServiceCertificate, privateKeyOf, type Issued } from '../../../registry/pki/certificates';
import { NcaSimulator } from '../../../registry/pki/nca';
import { answerTimestamp } from '../../../registry/pki/tsa';
import { tempDir } from '../../support/temp';
import { problemOf } from '../../support/problem';
import { runAsync } from '../../support/verifiers';

const DAY = 86_400_000;
const now = new Date();
let nca: NcaSimulator;
/** An RSA signer and an RSA TSA, for openssl (which knows no Kazakh GOST); NCA's own TSA signs with GOST 2015. */
let rsaSigner: Issued;
let rsaTsa: Issued;
let gostSigner: Issued;
let dir: ReturnType<typeof tempDir>;
before(() => {
  dir = tempDir();
  nca = NcaSimulator.create('http://127.0.0.1:9', now);
  const person = (issuer: Issued, purpose: 'signing' | 'both') => issuePersonCertificate(issuer, DEMO_HEAD, purpose, [OID.ekuLegalEntity, OID.ekuFirstHead], new Date(now.getTime() - DAY), new Date(now.getTime() + DAY));
  rsaSigner = person(nca.rsa.intermediate, 'signing');
  gostSigner = person(nca.gost.intermediate, 'both');
  rsaTsa = issueServiceCertificate(nca.rsa.intermediate, 'TSA RSA', 'tsa', new Date(now.getTime() - DAY), new Date(now.getTime() + DAY));
});
after(() => dir.remove());

const stamp = (digest: Buffer, { nonce = randomBytes(8), tsa = nca.tsa, digestOid = OID.sha256, policy }: { nonce?: Buffer; tsa?: Issued; digestOid?: string; policy?: string } = {}) => ({
  nonce,
  response: answerTimestamp(timestampRequest({ digest, nonce, digestOid, ...(policy ? { policy } : {}) }), tsa, [tsa === rsaTsa ? nca.rsa.intermediate : nca.gost.intermediate], now, randomBytes(8)),
});
const problem = (work: () => unknown) => problemOf(TimestampError, work);
const sign = (content: string, signer = rsaSigner) =>
  signDetached(Buffer.from(content), { privateKey: privateKeyOf(signer), certificateDer: signer.certificateDer, chainDer: [(signer === rsaSigner ? nca.rsa : nca.gost).intermediate.certificateDer] });
const withToken = (cms: Buffer, token: Buffer) => addUnsignedAttribute(cms, OID.signatureTimeStampToken, parseDerExact(token));

test('the request asks for a SHA-256 imprint with a nonce, NCA\'s GOST 2015 policy and the TSA certificate, as openssl reads it', async () => {
  const file = join(dir.path, 'request.tsq');
  writeFileSync(file, timestampRequest({ digest: createHash('sha256').update('x').digest(), nonce: Buffer.from('0102030405060708', 'hex'), policy: NCA_TSA_POLICY }));
  const text = (await runAsync('openssl', ['ts', '-query', '-in', file, '-text'])).out;
  assert.match(text, /Hash Algorithm: sha256/);
  assert.match(text, /Policy OID: 1\.2\.398\.3\.3\.2\.6\.4/);
  assert.match(text, /Nonce: 0x0102030405060708/);
  assert.match(text, /Certificate required: yes/);
});

test('a response is taken only for our imprint and our nonce', () => {
  const digest = createHash('sha256').update('signature').digest();
  const ok = stamp(digest, { policy: NCA_TSA_POLICY });
  const { read } = readTimestampResponse(ok.response, { digest, nonce: ok.nonce, policy: NCA_TSA_POLICY });
  assert.equal(read.time.toISOString(), new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString());
  assert.deepEqual(read.problems, []);
  assert.equal(read.policy, NCA_TSA_POLICY);
  assert.equal(problem(() => readTimestampResponse(stamp(digest, { policy: OID.tsaPolicyGost2004 }).response, { digest, nonce: ok.nonce })), 'refused-2', 'NCA no longer issues GOST 2004 tokens');
  assert.equal(problem(() => readTimestampResponse(ok.response, { digest, nonce: randomBytes(8) })), 'nonce-mismatch');
  assert.equal(problem(() => readTimestampResponse(ok.response, { digest: randomBytes(32), nonce: ok.nonce })), 'imprint-mismatch');
  const rejected = answerTimestamp(Buffer.from('garbage'), nca.tsa, [], now, randomBytes(8));
  assert.equal(problem(() => readTimestampResponse(rejected, { digest, nonce: ok.nonce })), 'refused-2');
});

test('a signature time-stamp verifies with openssl ts, and a token moved to another signature is caught', async () => {
  const store = { trusted: [nca.rsa.root.certificateDer] };
  const cms = sign('the form');
  const digest = signatureImprint(signatureValue(cms))!;
  const asked = stamp(digest, { tsa: rsaTsa });
  const { token } = readTimestampResponse(asked.response, { digest, nonce: asked.nonce });
  const stamped = withToken(cms, token);

  const checked = verifyDetachedCms(stamped, Buffer.from('the form'));
  assert.equal(checked.signatureValid, true, 'the unsigned attribute leaves the signature intact');
  const judged = judgeSignature(checked, null, store);
  assert.equal(judged.timestamp?.valid, true, JSON.stringify(judged.timestamp));
  assert.equal(judged.timestamp?.tsa, 'TSA RSA');
  assert.equal(judged.judgedAt, judged.timestamp?.time);
  assert.deepEqual(judged.problems, []);

  const tokenFile = join(dir.path, 'token.der');
  writeFileSync(tokenFile, token);
  const chain = join(dir.path, 'chain.pem');
  writeFileSync(chain, nca.rsa.root.certificatePem + nca.rsa.intermediate.certificatePem);
  const openssl = await runAsync('openssl', ['ts', '-verify', '-token_in', '-in', tokenFile, '-digest', digest.toString('hex'), '-CAfile', chain]);
  assert.match(openssl.out, /Verification: OK/, openssl.out);

  const other = sign('another form');
  const moved = judgeSignature(verifyDetachedCms(withToken(other, token), Buffer.from('another form')), null, store);
  assert.equal(moved.timestamp?.valid, false);
  assert.deepEqual(moved.timestamp?.problems, ['timestamp-not-for-this-signature']);
  assert.ok(moved.problems.includes('timestamp-invalid'));

  const untrusted = judgeSignature(verifyDetachedCms(stamped, Buffer.from('the form')), null, { trusted: [NcaSimulator.create('http://127.0.0.1:9', now).rsa.root.certificateDer] });
  assert.ok(untrusted.timestamp?.problems.includes('timestamp-untrusted'));
});

test('a GOST signature is time-stamped over its Streebog-512 imprint by the GOST TSA, and the token verifies', () => {
  const store = { trusted: [nca.gost.root.certificateDer] };
  const cms = sign('the form', gostSigner);
  const value = signatureValue(cms);
  const digest = signatureImprint(value, OID.streebog512)!;
  assert.deepEqual(digest, streebog512(value));
  const asked = stamp(digest, { digestOid: OID.streebog512, policy: NCA_TSA_POLICY });
  const { token, read } = readTimestampResponse(asked.response, { digest, digestOid: OID.streebog512, nonce: asked.nonce, policy: NCA_TSA_POLICY });
  assert.equal(read.imprintAlgorithm, OID.streebog512);
  assert.equal(problem(() => readTimestampResponse(asked.response, { digest, nonce: asked.nonce })), 'imprint-mismatch', 'the same bytes under another algorithm');
  const judged = judgeSignature(verifyDetachedCms(withToken(cms, token), Buffer.from('the form')), null, store);
  assert.equal(judged.timestamp?.valid, true, JSON.stringify(judged.timestamp));
  assert.equal(judged.timestamp?.tsa, 'TSA Демо (GOST)');
  assert.deepEqual(judged.problems, []);
  const forged = Buffer.from(token);
  forged[forged.length - 10]! ^= 1;
  const broken = judgeSignature(verifyDetachedCms(withToken(cms, forged), Buffer.from('the form')), null, store);
  assert.equal(broken.timestamp?.valid, false);
});
