import assert from 'node:assert/strict';
import { createHash, createPrivateKey, randomBytes } from 'node:crypto';
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
import { issuePersonCertificate, type Issued } from '../../../registry/pki/certificates';
import { NcaSimulator } from '../../../registry/pki/nca';
import { answerTimestamp } from '../../../registry/pki/tsa';
import { tempDir } from '../../support/temp';
import { problemOf } from '../../support/problem';
import { runAsync } from '../../support/verifiers';

const DAY = 86_400_000;
const now = new Date();
let nca: NcaSimulator;
let signer: Issued;
let dir: ReturnType<typeof tempDir>;
before(() => {
  dir = tempDir();
  nca = NcaSimulator.create('http://127.0.0.1:9', now);
  signer = issuePersonCertificate(nca.intermediate, DEMO_HEAD, 'signing', [OID.ekuLegalEntity, OID.ekuFirstHead], new Date(now.getTime() - DAY), new Date(now.getTime() + DAY));
});
after(() => dir.remove());

const stamp = (digest: Buffer, nonce = randomBytes(8)) => ({ nonce, response: answerTimestamp(timestampRequest(digest, nonce), nca.tsa, [nca.intermediate], now, randomBytes(8)) });
const problem = (work: () => unknown) => problemOf(TimestampError, work);
const sign = (content: string) =>
  signDetached(Buffer.from(content), { privateKey: createPrivateKey(signer.privateKeyPem), certificateDer: signer.certificateDer, chainDer: [nca.intermediate.certificateDer] });
const withToken = (cms: Buffer, token: Buffer) => addUnsignedAttribute(cms, OID.signatureTimeStampToken, parseDerExact(token));

test('the request asks for a SHA-256 imprint with a nonce and the TSA certificate, as openssl reads it', async () => {
  const file = join(dir.path, 'request.tsq');
  writeFileSync(file, timestampRequest(createHash('sha256').update('x').digest(), Buffer.from('0102030405060708', 'hex')));
  const text = (await runAsync('openssl', ['ts', '-query', '-in', file, '-text'])).out;
  assert.match(text, /Hash Algorithm: sha256/);
  assert.match(text, /Nonce: 0x0102030405060708/);
  assert.match(text, /Certificate required: yes/);
});

test('a response is taken only for our imprint and our nonce', () => {
  const digest = createHash('sha256').update('signature').digest();
  const ok = stamp(digest);
  const { read } = readTimestampResponse(ok.response, { digest, nonce: ok.nonce });
  assert.equal(read.time.toISOString(), new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString());
  assert.deepEqual(read.problems, []);
  assert.equal(problem(() => readTimestampResponse(ok.response, { digest, nonce: randomBytes(8) })), 'nonce-mismatch');
  assert.equal(problem(() => readTimestampResponse(ok.response, { digest: randomBytes(32), nonce: ok.nonce })), 'imprint-mismatch');
  const rejected = answerTimestamp(Buffer.from('garbage'), nca.tsa, [], now, randomBytes(8));
  assert.equal(problem(() => readTimestampResponse(rejected, { digest, nonce: ok.nonce })), 'refused-2');
});

test('a signature time-stamp verifies with openssl ts, and a token moved to another signature is caught', async () => {
  const store = { trusted: [nca.root.certificateDer] };
  const cms = sign('the form');
  const digest = signatureImprint(signatureValue(cms));
  const asked = stamp(digest);
  const { token } = readTimestampResponse(asked.response, { digest, nonce: asked.nonce });
  const stamped = withToken(cms, token);

  const checked = verifyDetachedCms(stamped, Buffer.from('the form'));
  assert.equal(checked.signatureValid, true, 'the unsigned attribute leaves the signature intact');
  const judged = judgeSignature(checked, null, store);
  assert.equal(judged.timestamp?.valid, true, JSON.stringify(judged.timestamp));
  assert.equal(judged.timestamp?.tsa, 'TSA Демо');
  assert.equal(judged.judgedAt, judged.timestamp?.time);
  assert.deepEqual(judged.problems, []);

  const tokenFile = join(dir.path, 'token.der');
  writeFileSync(tokenFile, token);
  const chain = join(dir.path, 'chain.pem');
  writeFileSync(chain, nca.root.certificatePem + nca.intermediate.certificatePem);
  const openssl = await runAsync('openssl', ['ts', '-verify', '-token_in', '-in', tokenFile, '-digest', digest.toString('hex'), '-CAfile', chain]);
  assert.match(openssl.out, /Verification: OK/, openssl.out);

  const other = sign('another form');
  const moved = judgeSignature(verifyDetachedCms(withToken(other, token), Buffer.from('another form')), null, store);
  assert.equal(moved.timestamp?.valid, false);
  assert.deepEqual(moved.timestamp?.problems, ['timestamp-not-for-this-signature']);
  assert.ok(moved.problems.includes('timestamp-invalid'));

  const untrusted = judgeSignature(verifyDetachedCms(stamped, Buffer.from('the form')), null, { trusted: [NcaSimulator.create('http://127.0.0.1:9', now).root.certificateDer] });
  assert.ok(untrusted.timestamp?.problems.includes('timestamp-untrusted'));
});
