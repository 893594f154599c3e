import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openKeyFile, KeyFileError } from '../../../pki/certificates/key-file';
import { readCertificate } from '../../../pki/certificates/certificate';
import { trustedPath } from '../../../pki/certificates/checks';
import { crlIssuedBy, parseCrl } from '../../../pki/revocation/crl';
import { OcspError, openOcspResponse } from '../../../pki/revocation/ocsp';
import { signPdf } from '../../../pki/pdf/pades';
import { verifyPdf } from '../../../pki/pdf/verify-pdf';
import { OID } from '../../../pki/asn1/oids';
import { samplePdf } from '../../support/documents';
import { independentlyVerifyPdf } from '../../support/independent-gost';
import { ncaVectorDer, ncaVectorsMissing } from '../../support/nca-vectors';

/**
 * NCA's own files (../shared/vectors/nca-gost, see its README): a GOST R 34.10-2015/512 key file, its certificate,
 * the GOST 2015 and GOST 2004 test CAs, their CRLs and an OCSP answer. All have expired: checks run at a clock
 * inside their validity.
 */
const file = ncaVectorDer;
const flip = (bytes: Buffer, at: number) => {
  const changed = Buffer.from(bytes);
  changed[at]! ^= 0x01;
  return changed;
};
const KEY_FILE = 'GOST512_test-gost1.p12';
const PASSWORD = 'Qwerty12';
const INSIDE_VALIDITY = new Date('2024-03-01T06:00:00Z');
const ca2015 = () => file('nca_gost2015_test.cer');
const ca2004 = () => file('nca_gost_test.crt');
const skip = ncaVectorsMissing;

test("NCA's key file opens with its password, holds a GOST 2015/512 key matching its certificate, and that key signs and signs in", { skip }, () => {
  const key = openKeyFile(file(KEY_FILE), PASSWORD);
  const cert = key.certificate;
  assert.ok(cert.der.equals(file('GOST512_test-gost1.cer')), 'the certificate exactly as NCA wrote it');
  assert.equal(key.privateKey.algorithm, 'gost2015-512');
  assert.equal(cert.keyAlgorithm, 'gost2015-512');
  assert.deepEqual([cert.commonName, cert.surname, cert.patronymic, cert.iin], ['ТЕСТОВ ТЕСТ', 'ТЕСТОВ', 'ТЕСТОВИЧ', '123456789011']);
  assert.deepEqual(cert.roles, ['individual']);
  assert.deepEqual([cert.canSign, cert.canAuthenticate], [true, true]);
  assert.deepEqual(cert.endpoints.ocsp, ['http://test.pki.gov.kz/ocsp/']);
});

test('a wrong password, a truncated file and a flipped byte are refused with their reasons', { skip }, () => {
  const problem = (bytes: Buffer, password = PASSWORD) => {
    try {
      openKeyFile(bytes, password);
      return 'opened';
    } catch (error) {
      assert.ok(error instanceof KeyFileError, String(error));
      return error.problem;
    }
  };
  const bytes = file(KEY_FILE);
  assert.equal(problem(bytes, 'qwerty12'), 'wrong-password');
  assert.equal(problem(bytes.subarray(0, 1000)), 'corrupt');
  assert.equal(problem(flip(bytes, 900)), 'wrong-password', 'the MAC catches a changed byte');
});

test("NCA's GOST 2015 CA anchors the chain (an intermediate, as NCA publishes it); a flipped byte in either certificate breaks it", { skip }, () => {
  const user = file('GOST512_test-gost1.cer');
  const ca = readCertificate(ca2015());
  assert.equal(ca.keyAlgorithm, 'gost2015-512');
  assert.equal(ca.isCa, true);
  assert.equal(ca.commonName, 'ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST 2022');
  assert.deepEqual(trustedPath(user, [], [ca2015()], INSIDE_VALIDITY)?.length, 2);
  // A byte of the user's to-be-signed part, of its signature, and of the CA's public key.
  const userCert = readCertificate(user);
  assert.equal(trustedPath(flip(user, 200), [], [ca2015()], INSIDE_VALIDITY), null);
  assert.equal(trustedPath(flip(user, user.length - 5), [], [ca2015()], INSIDE_VALIDITY), null);
  const keyAt = ca2015().indexOf(ca.spki) + ca.spki.length - 20;
  assert.equal(trustedPath(user, [], [flip(ca2015(), keyAt)], INSIDE_VALIDITY), null);
  assert.equal(trustedPath(user, [], [ca2015()], new Date('2032-08-01')), null, 'not past the CA\'s validity');
  assert.ok(userCert.notAfter < new Date('2024-11-09'));
});

test("NCA's GOST 2004 CA, its certificate and its CRL verify (CryptoPro-A, GOST 34.311-95); a flipped byte is refused", { skip }, () => {
  const ca = readCertificate(ca2004());
  assert.equal(ca.keyAlgorithm, 'gost2004');
  const ceo = file('ceo_valid_sign_2004_gost.cer');
  assert.equal(readCertificate(ceo).signatureAlgorithm, OID.gost2004Signature);
  assert.equal(trustedPath(ceo, [], [ca2004()], new Date('2022-06-01'))?.length, 2);
  assert.equal(trustedPath(flip(ceo, 300), [], [ca2004()], new Date('2022-06-01')), null);
  const crl = parseCrl(file('nca_gost_test.crl'));
  assert.ok(crlIssuedBy(crl, ca2004()));
  assert.equal(crlIssuedBy(parseCrl(flip(crl.der, 60)), ca2004()), false);
  assert.equal(crlIssuedBy(crl, ca2015()), false, 'nor by another CA');
});

test("NCA's GOST 2015 CRL verifies; a flipped byte of its list or its signature is refused", { skip }, () => {
  const crl = parseCrl(file('nca_gost2022_test.crl'));
  assert.equal(crl.signatureAlgorithm, OID.gost2015Signature512);
  assert.ok(crlIssuedBy(crl, ca2015()));
  assert.ok(crl.revoked.length > 0);
  assert.equal(crlIssuedBy(parseCrl(flip(crl.der, 80)), ca2015()), false);
  assert.equal(crlIssuedBy(parseCrl(flip(crl.der, crl.der.length - 3)), ca2015()), false);
});

test("NCA's OCSP answer is proved: signed by a responder the GOST 2015 CA delegated; a flipped byte is refused", { skip }, () => {
  const answer = file('ocsp_response_individual_2015.bin');
  const at = new Date('2022-09-02T17:00:00Z');
  const opened = openOcspResponse(answer, ca2015(), at);
  assert.equal(readCertificate(opened.responder).commonName, 'OCSP RESPONDER');
  assert.equal(opened.producedAt.toISOString(), '2022-09-02T16:58:34.000Z');
  assert.equal(opened.responses.length, 1);
  const problem = (bytes: Buffer) => {
    try {
      openOcspResponse(bytes, ca2015(), at);
      return 'opened';
    } catch (error) {
      assert.ok(error instanceof OcspError, String(error));
      return error.problem;
    }
  };
  assert.equal(problem(flip(answer, 200)), 'signature-invalid');
  assert.equal(problem(flip(answer, 340)), 'signature-invalid');
  assert.equal(problem(answer), 'opened');
  assert.equal(problem(Buffer.concat([answer, Buffer.from([0])])), 'malformed');
  assert.equal(problem(answer.subarray(0, 600)), 'malformed');
});

test("a PDF signed with NCA's key inside its validity verifies here, and again under an independent check (plain BigInt, rhash's Streebog)", { skip }, async () => {
  const key = openKeyFile(file(KEY_FILE), PASSWORD);
  const signed = await signPdf(await samplePdf('Licence'), { privateKey: key.privateKey, certificateDer: key.certificate.der, chainDer: key.chain }, {
    reason: 'Лицензия', location: 'Қарағанды', signerName: key.certificate.commonName, contactInfo: '', signingTime: INSIDE_VALIDITY,
  });
  const report = verifyPdf(signed, { trusted: [ca2015()], now: INSIDE_VALIDITY });
  const signature = report.signatures[0]!;
  assert.equal(report.valid, true, JSON.stringify(signature.problems));
  assert.equal(signature.certificate?.validAtSigning, true);
  assert.equal(signature.chainTrusted, true);
  assert.equal(signature.signer?.iin, '123456789011');
  assert.deepEqual(independentlyVerifyPdf(signed, key.certificate.der), { digestMatches: true, signatureValid: true });

  const changed = Buffer.from(signed);
  const at = signed.indexOf('/Type /Page') + 2;
  changed[at]! ^= 0x20;
  assert.equal(verifyPdf(changed, { trusted: [ca2015()], now: INSIDE_VALIDITY }).valid, false);
  assert.equal(independentlyVerifyPdf(changed, key.certificate.der).digestMatches, false);
});
