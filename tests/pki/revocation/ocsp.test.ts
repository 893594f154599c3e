import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { OID } from '../../../pki/asn1/oids';
import { DEMO_HEAD } from '../../../main/demo/seed';
import { ocspRequest, readOcspResponse, OcspError } from '../../../pki/revocation/ocsp';
import { issuePersonCertificate, issueServiceCertificate, type Issued } from '../../../registry/pki/certificates';
import { NcaSimulator } from '../../../registry/pki/nca';
import { answerOcsp } from '../../../registry/pki/ocsp-responder';
import { tempDir } from '../../support/temp';
import { problemOf } from '../../support/problem';
import { runAsync } from '../../support/verifiers';

const DAY = 86_400_000;
let nca: NcaSimulator;
let other: NcaSimulator;
let leaf: Issued;
let dir: ReturnType<typeof tempDir>;
const now = new Date();
const good = () => ({ status: 'good' as const });

before(() => {
  dir = tempDir();
  nca = NcaSimulator.create('http://127.0.0.1:9', now);
  other = NcaSimulator.create('http://127.0.0.1:9', now);
  leaf = issuePersonCertificate(nca.intermediate, DEMO_HEAD, 'signing', [OID.ekuLegalEntity], new Date(now.getTime() - DAY), new Date(now.getTime() + DAY));
});
after(() => dir.remove());

const ask = (responder: Issued, status: () => ReturnType<typeof good> | { status: 'revoked'; revokedAt: Date } = good, nonce = randomBytes(16)) => {
  const response = answerOcsp(ocspRequest(leaf.certificateDer, nca.intermediate.certificateDer, nonce), { ca: nca.intermediate, responder, statusOf: status }, now);
  return { response, nonce };
};
const read = (response: Buffer, nonce: Buffer) => readOcspResponse(response, { certificateDer: leaf.certificateDer, issuerDer: nca.intermediate.certificateDer, nonce, now });
const problem = (work: () => unknown) => problemOf(OcspError, work);

test('the request carries a SHA-256 CertID and a nonce, as openssl reads it', async () => {
  const nonce = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
  const file = join(dir.path, 'request.der');
  writeFileSync(file, ocspRequest(leaf.certificateDer, nca.intermediate.certificateDer, nonce));
  const text = (await runAsync('openssl', ['ocsp', '-reqin', file, '-req_text'])).out;
  assert.match(text, /Hash Algorithm: sha256/);
  assert.match(text, /OCSP Nonce:\s*\n\s*0410?00112233445566778899AABBCCDDEEFF/i);
});

test('good and revoked answers from the delegated responder are read', () => {
  const asked = ask(nca.ocspResponder);
  assert.equal(read(asked.response, asked.nonce).status, 'good');
  const revokedAt = new Date(now.getTime() - 3_600_000);
  const revoked = ask(nca.ocspResponder, () => ({ status: 'revoked', revokedAt }));
  const answer = read(revoked.response, revoked.nonce);
  assert.equal(answer.status, 'revoked');
  assert.equal(answer.revokedAt!.toISOString(), new Date(Math.floor(revokedAt.getTime() / 1000) * 1000).toISOString());
});

test('a responder that names itself by subject (ResponderID byName) is read as well', () => {
  const nonce = randomBytes(16);
  const response = answerOcsp(ocspRequest(leaf.certificateDer, nca.intermediate.certificateDer, nonce), { ca: nca.intermediate, responder: nca.ocspResponder, statusOf: good, byName: true }, now);
  assert.equal(read(response, nonce).status, 'good');
});

test('answers that do not prove themselves are refused, each for its reason', () => {
  const replayed = ask(nca.ocspResponder);
  assert.equal(problem(() => read(replayed.response, randomBytes(16))), 'nonce-mismatch');
  // A responder certificate without id-kp-OCSPSigning, though issued by the right CA.
  const notAuthorised = issueServiceCertificate(nca.intermediate, 'TSA, not OCSP', 'tsa', new Date(now.getTime() - DAY), new Date(now.getTime() + DAY));
  const a = ask(notAuthorised);
  assert.equal(problem(() => read(a.response, a.nonce)), 'responder-not-authorised');
  // Another CA's OCSP responder speaking for our CA.
  const b = ask(other.ocspResponder);
  assert.equal(problem(() => read(b.response, b.nonce)), 'responder-not-issued-by-ca');
  // A byte changed inside the signed answer.
  const c = ask(nca.ocspResponder);
  const tampered = Buffer.from(c.response);
  tampered[tampered.indexOf(Buffer.from(c.nonce)) + 3]! ^= 1;
  assert.equal(problem(() => read(tampered, c.nonce)), 'signature-invalid');
  assert.equal(problem(() => read(Buffer.from('not der'), c.nonce)), 'malformed');
  assert.equal(problem(() => read(Buffer.from([0x30, 0x03, 0x0a, 0x01, 0x06]), c.nonce)), 'responder-status-6');
});
