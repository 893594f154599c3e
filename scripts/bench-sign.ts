// npm run bench:sign — licences rendered and signed per second, and verifications per second, each
// beside a baseline measured in the same run (node:crypto signing / verifying the same bytes), as a ratio;
// then signing and verifying an already rendered licence with GOST 2015 (512) and RSA-2048 keys, beside
// node:crypto's ECDSA P-521 (OpenSSL, native code) over the same bytes: the fair native baseline for a 512-bit curve.
import { createHash, generateKeyPairSync, sign, verify, X509Certificate } from 'node:crypto';
import { renderLicence, type LicenceData } from '../main/licence/render';
import { createIntermediateCa, createRootCa, issuePersonCertificate, type KeyKind } from '../registry/pki/certificates';
import { toPkcs12 } from '../registry/pki/key-file';
import { openKeyFile } from '../pki/certificates/key-file';
import { OID } from '../pki/asn1/oids';
import { signPdf, signPdfDocument } from '../pki/pdf/pades';
import { verifyPdf } from '../pki/pdf/verify-pdf';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);

async function rate(work: () => unknown | Promise<unknown>): Promise<{ perSecond: number; runs: number }> {
  await work(); // warm-up
  const deadline = performance.now() + SECONDS * 1000;
  const start = performance.now();
  let runs = 0;
  while (performance.now() < deadline) {
    await work();
    runs++;
  }
  return { perSecond: (runs * 1000) / (performance.now() - start), runs };
}

const now = new Date();
const day = 86_400_000;
function headKey(kind: KeyKind) {
  const root = createRootCa('ҰКО Бенчмарк', new Date(now.getTime() - day), new Date(now.getTime() + 3650 * day), undefined, kind);
  const intermediate = createIntermediateCa(root, `ҰКО Бенчмарк ${kind}`, new Date(now.getTime() - day), new Date(now.getTime() + 1000 * day));
  const person = { surname: 'Сәрсенбаев', name: 'Қайрат', iin: '781103500670', bin: '990140001114' };
  const head = issuePersonCertificate(intermediate, person, kind === 'rsa' ? 'signing' : 'both', [OID.ekuFirstHead], new Date(now.getTime() - day), new Date(now.getTime() + 365 * day));
  const key = openKeyFile(toPkcs12(head, [intermediate], 'bench'), 'bench');
  return { root, key, signer: { privateKey: key.privateKey, certificateDer: key.certificate.der, chainDer: key.chain } };
}
const rsa = headKey('rsa');
const gost = headKey('gost2015');
const { key, signer } = rsa;
const root = rsa.root;
const both = (t: string) => ({ kk: t, ru: t });
const licence = (n: number): LicenceData => ({
  number: `KZ26KRG${String(n).padStart(8, '0')}`,
  date: '2026-11-23',
  activity: both('Түсті және қара металл сынықтарын жинау, сақтау, қайта өңдеу және өткізу'),
  licenceType: both('Бірінші санаттағы лицензия'),
  subtypes: [both('Қара металдар'), both('Түсті металдар')],
  validity: both('Мерзімсіз'),
  licensee: { kind: 'legal', name: '«Атырау Металл Ресайклинг» ЖШС', address: 'Атырау қ., Өндіріс к-сі, 12', idn: '150840001234' },
  licensor: both('Қарағанды облысының кәсіпкерлік басқармасы'),
  headName: 'Сәрсенбаев Қайрат Болатұлы',
  placeOfIssue: both('Қарағанды қаласы'),
});
const info = { reason: 'Лицензия', location: 'Қарағанды', signerName: 'Сәрсенбаев Қайрат', contactInfo: '990140001114', signingTime: now };

let n = 0;
const sample = await signPdfDocument((await renderLicence(licence(0))).pdf, signer, info);
const trusted = { trusted: [root.certificateDer] };
if (!verifyPdf(sample, trusted).valid) throw new Error('the benchmark licence does not verify');
const publicKey = new X509Certificate(key.certificate.der).publicKey;
const rsaKeyObject = generateKeyPairSync('rsa', { modulusLength: 2048 });
const baselineSignature = sign('sha256', sample, rsaKeyObject.privateKey);

const signing = await rate(async () => signPdfDocument((await renderLicence(licence(++n))).pdf, signer, info));
const signingBaseline = await rate(() => sign('sha256', sample, rsaKeyObject.privateKey));
const verifying = await rate(() => verifyPdf(sample, trusted));
const verifyingBaseline = await rate(() => verify('sha256', sample, rsaKeyObject.publicKey, baselineSignature) && createHash('sha256').update(sample).digest());
void publicKey;

// The same licence, rendered once, signed and verified with each kind of key (render excluded).
const unsigned = Buffer.from(await (await renderLicence(licence(0))).pdf.save({ useObjectStreams: false }));
const gostSample = await signPdf(unsigned, gost.signer, info);
const gostTrusted = { trusted: [gost.root.certificateDer] };
if (!verifyPdf(gostSample, gostTrusted).valid) throw new Error('the GOST benchmark licence does not verify');
const p521 = generateKeyPairSync('ec', { namedCurve: 'secp521r1' });
const p521Signature = sign('sha512', unsigned, p521.privateKey);
const gostSigning = await rate(() => signPdf(unsigned, gost.signer, info));
const rsaSigning = await rate(() => signPdf(unsigned, rsa.signer, info));
const p521Signing = await rate(() => sign('sha512', unsigned, p521.privateKey));
const gostVerifying = await rate(() => verifyPdf(gostSample, gostTrusted));
const p521Verifying = await rate(() => verify('sha512', unsigned, p521.publicKey, p521Signature));

const row = (name: string, ours: { perSecond: number }, base: { perSecond: number }) =>
  `${name.padEnd(40)} ${ours.perSecond.toFixed(1).padStart(9)}/s   baseline ${base.perSecond.toFixed(1).padStart(9)}/s   ratio ${(ours.perSecond / base.perSecond).toFixed(4)}`;
console.log(`bench:sign — ${SECONDS}s per measurement, licence PDF ${sample.length} bytes, Node ${process.version}`);
console.log(row('render + sign licence (PAdES, RSA-2048)', signing, signingBaseline));
console.log(row('verify licence (CMS, digest, chain; RSA)', verifying, verifyingBaseline));
console.log('baseline: node:crypto RSA-2048 SHA-256 sign / verify of the same PDF bytes, same run');
console.log(`signing and verifying the rendered licence (${unsigned.length} bytes), render excluded:`);
console.log(row('sign licence (PAdES, GOST 2015-512)', gostSigning, p521Signing));
console.log(row('sign licence (PAdES, RSA-2048)', rsaSigning, p521Signing));
console.log(row('verify licence (GOST 2015-512, chain)', gostVerifying, p521Verifying));
console.log('baseline: node:crypto ECDSA P-521 (OpenSSL) sign / verify with SHA-512 of the same PDF bytes, same run');
