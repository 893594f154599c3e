import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../../domain/api/errors';
import { createIntermediateCa, createRootCa, issuePersonCertificate, type KazakhPerson } from '../../../registry/pki/certificates';
import { toPkcs12 } from '../../../registry/pki/key-file';
import { certificateParts } from '../../../pki/asn1/certificate-parts';
import { readCertificate } from '../../../pki/certificates/certificate';
import { checkSigningCertificate, type RevocationVerdict, type SigningExpectations } from '../../../pki/certificates/checks';
import { signDetached } from '../../../pki/cms/sign';
import { toDerBuffer } from '../../../pki/asn1/der';
import { KeyFileError, openKeyFile, openKeyFileEntries } from '../../../pki/certificates/key-file';
import { gostStyleP12, p12With } from '../../support/p12-builders';
import { OID } from '../../../pki/asn1/oids';

const DAY = 86_400_000;
const now = new Date('2026-11-23T06:00:00Z');
const root = createRootCa('ҰКО Тест Түбірлік', new Date(now.getTime() - 10 * DAY), new Date(now.getTime() + 3650 * DAY), undefined, 'rsa');
const intermediate = createIntermediateCa(root, 'ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ Тест (RSA)', new Date(now.getTime() - 10 * DAY), new Date(now.getTime() + 1000 * DAY));
const head: KazakhPerson = { surname: 'Сәрсенбаев', name: 'Қайрат', patronymic: 'Болатұлы', iin: '781103500670', organization: 'Басқарма', bin: '990140001114' };
const validFrom = new Date(now.getTime() - DAY);
const validTo = new Date(now.getTime() + 365 * DAY);
const signing = issuePersonCertificate(intermediate, head, 'signing', [OID.ekuLegalEntity, OID.ekuFirstHead], validFrom, validTo);

function refusal(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'signing-refused');
    return error.reason!;
  }
  return 'accepted';
}

const expect = (overrides: Partial<SigningExpectations> = {}): SigningExpectations => ({
  at: now,
  trusted: [root.certificateDer],
  intermediates: [intermediate.certificateDer],
  revocation: null,
  iin: head.iin,
  bin: head.bin,
  roles: ['first-head', 'signing-right'],
  ...overrides,
});

test('a Kazakh certificate is read the way NCA systems read it', () => {
  const cert = readCertificate(signing.certificateDer);
  assert.equal(cert.commonName, 'Сәрсенбаев Қайрат');
  assert.equal(cert.surname, 'Сәрсенбаев');
  assert.equal(cert.patronymic, 'Болатұлы');
  assert.equal(cert.iin, '781103500670');
  assert.equal(cert.bin, '990140001114');
  assert.deepEqual(cert.roles, ['legal-entity', 'first-head']);
  assert.equal(cert.canSign, true);
  assert.equal(cert.issuer, 'CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ Тест (RSA), C=KZ');
});

test('the .p12 opens with its password and fails clearly otherwise', () => {
  const p12 = toPkcs12(signing, [intermediate], 'пароль-123');
  const key = openKeyFile(p12, 'пароль-123');
  assert.ok(key.certificate.der.equals(signing.certificateDer));
  assert.equal(key.chain.length, 1);
  const problem = (bytes: Buffer, password: string) => {
    try {
      openKeyFile(bytes, password);
      return 'opened';
    } catch (error) {
      assert.ok(error instanceof KeyFileError);
      return error.problem;
    }
  };
  assert.equal(problem(p12, 'wrong'), 'wrong-password');
  assert.equal(problem(p12.subarray(0, p12.length / 2), 'пароль-123'), 'corrupt');
  assert.equal(problem(Buffer.from('%PDF-1.7 not a key'), 'x'), 'corrupt');
  assert.equal(problem(gostStyleP12(), 'x'), 'gost2004-retired');
});

test('the CMS names the signer by the issuer bytes of the certificate itself', () => {
  const key = openKeyFile(toPkcs12(signing, [intermediate], 'p'), 'p');
  const cms = signDetached(Buffer.from('data'), { privateKey: key.privateKey, certificateDer: key.certificate.der });
  const issuer = toDerBuffer(certificateParts(signing.certificateDer).issuer);
  assert.ok(cms.includes(issuer));
  assert.ok(cms.includes(signing.certificateDer));
});

test('every check before a signature refuses with its name', () => {
  const cert = readCertificate(signing.certificateDer);
  assert.equal(refusal(() => checkSigningCertificate(cert, expect())), 'accepted');
  assert.equal(refusal(() => checkSigningCertificate(cert, expect({ at: new Date(validTo.getTime() + DAY) }))), 'expired');
  assert.equal(refusal(() => checkSigningCertificate(cert, expect({ at: new Date(validFrom.getTime() - DAY) }))), 'not-yet-valid');
  assert.equal(refusal(() => checkSigningCertificate(cert, expect({ trusted: [] }))), 'untrusted-chain');
  assert.equal(refusal(() => checkSigningCertificate(cert, expect({ intermediates: [] }))), 'untrusted-chain');
  assert.equal(refusal(() => checkSigningCertificate(cert, expect({ iin: '850215300124' }))), 'iin-mismatch');
  assert.equal(refusal(() => checkSigningCertificate(cert, expect({ iin: null }))), 'iin-mismatch');
  assert.equal(refusal(() => checkSigningCertificate(cert, expect({ bin: '150840001234' }))), 'bin-mismatch');

  const auth = readCertificate(issuePersonCertificate(intermediate, head, 'authentication', [OID.ekuLegalEntity, OID.ekuFirstHead], validFrom, validTo).certificateDer);
  assert.equal(refusal(() => checkSigningCertificate(auth, expect())), 'not-a-signing-key');

  const employee = readCertificate(issuePersonCertificate(intermediate, head, 'signing', [OID.ekuLegalEntity, OID.ekuEmployee], validFrom, validTo).certificateDer);
  assert.equal(refusal(() => checkSigningCertificate(employee, expect())), 'role-not-allowed');

  const otherRoot = createRootCa('Бөгде CA', validFrom, validTo, undefined, 'rsa');
  const stranger = readCertificate(issuePersonCertificate(otherRoot, head, 'signing', [OID.ekuFirstHead], validFrom, validTo).certificateDer);
  assert.equal(refusal(() => checkSigningCertificate(stranger, expect())), 'untrusted-chain');
});

test('revocation: a revoked certificate is refused; stale or missing data follows the rule', () => {
  const cert = readCertificate(signing.certificateDer);
  const policy = (verdict: RevocationVerdict, staleRule: 'warn' | 'block') => expect({ revocation: { lookup: () => verdict, staleRule } });
  assert.equal(refusal(() => checkSigningCertificate(cert, policy({ status: 'revoked', revokedAt: now, stale: false, source: 'crl' }, 'warn'))), 'revoked');
  assert.equal(refusal(() => checkSigningCertificate(cert, policy({ status: 'unknown', stale: true, source: null }, 'block'))), 'revocation-unknown');
  assert.equal(refusal(() => checkSigningCertificate(cert, policy({ status: 'good', stale: true, source: 'crl' }, 'block'))), 'crl-stale');
  assert.deepEqual(checkSigningCertificate(cert, policy({ status: 'good', stale: true, source: 'crl' }, 'warn')).warnings, ['crl-stale']);
  assert.deepEqual(checkSigningCertificate(cert, policy({ status: 'good', stale: false, source: 'ocsp' }, 'block')).warnings, []);
});

test('the revocation lookup is asked about the signer and its own issuer', () => {
  const cert = readCertificate(signing.certificateDer);
  const asked: [Buffer, Buffer][] = [];
  checkSigningCertificate(cert, expect({ revocation: { staleRule: 'warn', lookup: (c, i) => (asked.push([c, i]), { status: 'good', stale: false, source: 'crl' }) } }));
  assert.equal(asked.length, 1);
  assert.ok(asked[0]![0].equals(signing.certificateDer));
  assert.ok(asked[0]![1].equals(intermediate.certificateDer));
});

test('a file with several keys asks which one; a file without a key says so', () => {
  const second = issuePersonCertificate(intermediate, { ...head, surname: 'Екінші' }, 'signing', [OID.ekuFirstHead], validFrom, validTo);
  const both = p12With([signing, second], [signing, second, intermediate]);
  assert.equal(openKeyFileEntries(both, '').length, 2);
  assert.throws(() => openKeyFile(both, ''), (e: unknown) => e instanceof KeyFileError && e.problem === 'choice-needed');
  assert.equal(openKeyFile(both, '', 1).certificate.surname, 'Екінші');
  assert.equal(openKeyFile(both, '', 0).chain.length, 2);
  assert.throws(() => openKeyFile(p12With([], [signing]), ''), (e: unknown) => e instanceof KeyFileError && e.problem === 'no-private-key');
  assert.throws(() => openKeyFile(p12With([signing], [intermediate]), ''), (e: unknown) => e instanceof KeyFileError && e.problem === 'no-certificate');
});
