import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addUnsignedAttribute } from '../../../pki/cms/builder';
import { octets } from '../../../pki/asn1/der';
import { openKeyFile } from '../../../pki/certificates/key-file';
import { signPdf } from '../../../pki/pdf/pades';
import { cmsInContents, verifyPdf } from '../../../pki/pdf/verify-pdf';
import { samplePdf } from '../../support/documents';
import { createTestPki, TEST_KEY_PASSWORD } from '../../support/pki';

test('a signature whose CMS ends in a zero byte verifies (one in 256 do: the padding is not part of it)', async () => {
  const key = openKeyFile(createTestPki().signer().p12, TEST_KEY_PASSWORD);
  let embedded: Buffer | null = null;
  // An unsigned attribute ending in 0x00 (outside what is signed) makes the CMS end in a zero byte, as a signature value can.
  const signed = await signPdf(
    await samplePdf('zero'),
    {
      privateKey: key.privateKey,
      certificateDer: key.certificate.der,
      chainDer: key.chain,
      timestamp: async (cms) => (embedded = addUnsignedAttribute(cms, '1.2.398.3.3.99', octets(Buffer.from([0x00])))),
    },
    { reason: 'r', location: 'l', signerName: 'n', contactInfo: 'c', signingTime: new Date() },
  );
  assert.equal(embedded![embedded!.length - 1], 0x00);
  const report = verifyPdf(signed, null);
  assert.equal(report.signatures[0]!.signatureValid, true, JSON.stringify(report.signatures[0]!.problems));
  assert.equal(report.signatures[0]!.problems.includes('cms-unreadable'), false);
});

test('the CMS is cut from its placeholder by its own DER length, short or long form', () => {
  assert.deepEqual(cmsInContents('3003010100' + '00'.repeat(20)), Buffer.from('3003010100', 'hex'));
  const long = `3082010${'4'}${'00'.repeat(0x104)}`;
  assert.equal(cmsInContents(long + '00'.repeat(50)).length, 4 + 0x104);
  // Not DER at all: left as it is, for the CMS reader to refuse.
  assert.deepEqual(cmsInContents('abcd00'), Buffer.from('abcd00', 'hex'));
});
