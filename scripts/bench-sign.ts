// npm run bench:sign — licences rendered and signed per second, and verifications per second, each
// beside a baseline measured in the same run (node:crypto signing / verifying the same bytes), as a ratio.
import { createHash, sign, verify, X509Certificate } from 'node:crypto';
import { renderLicence, type LicenceData } from '../main/licence/render';
import { createIntermediateCa, createRootCa, issuePersonCertificate, toPkcs12 } from '../registry/pki/certificates';
import { openKeyFile } from '../pki/certificates/key-file';
import { OID } from '../pki/asn1/oids';
import { signPdfDocument } from '../pki/pdf/pades';
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
const root = createRootCa('ҰКО Бенчмарк', new Date(now.getTime() - day), new Date(now.getTime() + 3650 * day));
const intermediate = createIntermediateCa(root, 'ҰКО Бенчмарк RSA', new Date(now.getTime() - day), new Date(now.getTime() + 1000 * day));
const head = issuePersonCertificate(intermediate, { surname: 'Сәрсенбаев', name: 'Қайрат', iin: '781103500670', bin: '990140001114' }, 'signing', [OID.ekuFirstHead], new Date(now.getTime() - day), new Date(now.getTime() + 365 * day));
const key = openKeyFile(toPkcs12(head, [intermediate], 'bench'), 'bench');
const signer = { privateKey: key.privateKey, certificateDer: key.certificate.der, chainDer: key.chain };
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
const baselineSignature = sign('sha256', sample, key.privateKey);

const signing = await rate(async () => signPdfDocument((await renderLicence(licence(++n))).pdf, signer, info));
const signingBaseline = await rate(() => sign('sha256', sample, key.privateKey));
const verifying = await rate(() => verifyPdf(sample, trusted));
const verifyingBaseline = await rate(() => verify('sha256', sample, publicKey, baselineSignature) && createHash('sha256').update(sample).digest());

const row = (name: string, ours: { perSecond: number }, base: { perSecond: number }) =>
  `${name.padEnd(34)} ${ours.perSecond.toFixed(1).padStart(9)}/s   baseline ${base.perSecond.toFixed(1).padStart(9)}/s   ratio ${(ours.perSecond / base.perSecond).toFixed(4)}`;
console.log(`bench:sign — ${SECONDS}s per measurement, licence PDF ${sample.length} bytes, RSA-2048, Node ${process.version}`);
console.log(row('render + sign licence (PAdES)', signing, signingBaseline));
console.log(row('verify licence (CMS, digest, chain)', verifying, verifyingBaseline));
console.log('baseline: node:crypto RSA-SHA256 sign / verify of the same PDF bytes, same key, same run');
