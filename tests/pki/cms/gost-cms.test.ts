import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { children, parseDerExact, toDerBuffer } from '../../../pki/asn1/der';
import { OID } from '../../../pki/asn1/oids';
import { signDetached } from '../../../pki/cms/sign';
import { verifyDetachedCms } from '../../../pki/cms/verify';
import { streebog512 } from '../../../pki/gost/hashes';
import { createIntermediateCa, createRootCa, issuePersonCertificate, privateKeyOf } from '../../../registry/pki/certificates';
import { DEMO_HEAD } from '../../../main/demo/seed';
import { toPkcs12 } from '../../../registry/pki/key-file';
import { openKeyFile } from '../../../pki/certificates/key-file';
import { signPdf } from '../../../pki/pdf/pades';
import { verifyPdf } from '../../../pki/pdf/verify-pdf';
import { samplePdf } from '../../support/documents';

const DAY = 86_400_000;
const now = Date.now();
const root = createRootCa('ҰКО Тест (GOST)', new Date(now - DAY), new Date(now + 10 * DAY));
const ca = createIntermediateCa(root, 'ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ Тест (GOST)', new Date(now - DAY), new Date(now + 10 * DAY));
const head = issuePersonCertificate(ca, DEMO_HEAD, 'both', [OID.ekuFirstHead], new Date(now - DAY), new Date(now + DAY));
const signer = { privateKey: privateKeyOf(head), certificateDer: head.certificateDer, chainDer: [ca.certificateDer] };

/** Where the SignerInfo's signed attributes and signature value lie in the CMS bytes. */
function parts(cms: Buffer) {
  const signedData = children(children(children(parseDerExact(cms))[1])[0]);
  const signerInfo = children(children(signedData[signedData.length - 1])[0]);
  const attributes = toDerBuffer(signerInfo[3]!);
  const signature = toDerBuffer(signerInfo[5]!);
  return { attributes: { at: cms.indexOf(attributes), length: attributes.length }, signature: { at: cms.indexOf(signature) + 2, length: signature.length - 2 } };
}

test('a GOST CMS names NCA\'s algorithms and carries the Streebog-512 of the content as the hash outputs it', () => {
  const content = Buffer.from('Лицензия KZ26KRG00000001');
  const cms = signDetached(content, signer);
  const check = verifyDetachedCms(cms, content);
  assert.deepEqual([check.signatureValid, check.problems], [true, []]);
  assert.deepEqual([check.digestAlgorithm, check.signatureAlgorithm], [OID.streebog512, OID.gost2015Signature512]);
  assert.ok(cms.includes(streebog512(content)), 'messageDigest');
  assert.ok(cms.includes(streebog512(head.certificateDer)), 'signing-certificate-v2 over Streebog-512');
});

test('property: every GOST signature made here verifies; any changed byte of the document, the signed attributes or the signature fails', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 1, maxLength: 3000 }),
      fc.constantFrom('document', 'attributes', 'signature'),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      fc.integer({ min: 1, max: 255 }),
      (bytes, where, position, flip) => {
        const content = Buffer.from(bytes);
        const cms = signDetached(content, signer);
        assert.equal(verifyDetachedCms(cms, content).signatureValid, true);
        let [changedContent, changedCms] = [content, cms];
        if (where === 'document') {
          changedContent = Buffer.from(content);
          changedContent[Math.floor(position * content.length)]! ^= flip;
        } else {
          const range = parts(cms)[where];
          changedCms = Buffer.from(cms);
          changedCms[range.at + Math.floor(position * range.length)]! ^= flip;
        }
        assert.equal(verifyDetachedCms(changedCms, changedContent).signatureValid, false, `${where} at ${position}`);
      },
    ),
    { numRuns: 150 },
  );
});

test('the 256-bit variant: a TC26-256-A key file signs a PDF with Streebog-256 under NCA\'s 2015/256 OIDs, and it verifies', async () => {
  const key256 = issuePersonCertificate(ca, DEMO_HEAD, 'both', [OID.ekuFirstHead], new Date(now - DAY), new Date(now + DAY), { gostBits: 256 });
  const opened = openKeyFile(toPkcs12(key256, [ca], 'p'), 'p');
  assert.deepEqual([opened.privateKey.algorithm, opened.certificate.keyAlgorithm], ['gost2015-256', 'gost2015-256']);
  const signed = await signPdf(await samplePdf('Licence'), { privateKey: opened.privateKey, certificateDer: opened.certificate.der, chainDer: opened.chain }, {
    reason: 'Test', location: 'Karaganda', signerName: 'Head', contactInfo: '', signingTime: new Date(),
  });
  const report = verifyPdf(signed, { trusted: [root.certificateDer] });
  assert.equal(report.valid, true, JSON.stringify(report.signatures[0]?.problems));
  assert.equal(report.signatures[0]!.certificate?.algorithm, 'gost2015-256');
  const cms = signDetached(Buffer.from('x'), { privateKey: opened.privateKey, certificateDer: opened.certificate.der });
  const check = verifyDetachedCms(cms, Buffer.from('x'));
  assert.deepEqual([check.digestAlgorithm, check.signatureAlgorithm, check.signatureValid], [OID.streebog256, OID.gost2015Signature256, true]);
});
