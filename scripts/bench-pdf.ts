// npm run bench:pdf — bytes per page of the project's compact PDF (text pages 1-bit Flate, pictures JPEG,
// PDF/A-2b) beside the same pages saved as greyscale JPEG quality 75 in a PDF, what common scanning tools
// save by default, in the same run; and the time each takes per page. Ratios above 1 favour the project.
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { compactPdf } from '../scanner/pdf/compact-pdf';
import { KAZAKH_TEXT, RUSSIAN_TEXT, textPage } from '../tests/support/ocr-pages';
import { photoPage } from '../tests/support/photo-pages';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface Sample {
  label: string;
  image: Buffer;
}

async function samples(): Promise<Sample[]> {
  return [
    { label: 'text kk clean', image: await textPage(KAZAKH_TEXT, 'clean') },
    { label: 'text ru clean', image: await textPage(RUSSIAN_TEXT, 'clean') },
    { label: 'text kk skewed', image: await textPage(KAZAKH_TEXT, 'skewed') },
    { label: 'text ru noisy', image: await textPage(RUSSIAN_TEXT, 'noisy') },
    { label: 'text kk jpeg', image: await textPage(KAZAKH_TEXT, 'jpeg') },
    { label: 'grey photo', image: await photoPage('grey') },
    { label: 'colour photo', image: await photoPage('colour') },
  ];
}

/** The baseline: the page as a greyscale JPEG at quality 75 (libjpeg's default), one per PDF page. */
async function greyJpegPdf(image: Buffer): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const jpeg = await pdf.embedJpg(await sharp(image).greyscale().jpeg({ quality: 75 }).toBuffer());
  const scale = 72 / 300;
  const page = pdf.addPage([jpeg.width * scale, jpeg.height * scale]);
  page.drawImage(jpeg, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
  return Buffer.from(await pdf.save());
}

async function measure(make: () => Promise<Buffer>): Promise<{ bytes: number; ms: number }> {
  let bytes = 0;
  const start = process.hrtime.bigint();
  for (let round = 0; round < ROUNDS; round++) bytes = (await make()).length;
  return { bytes, ms: Number(process.hrtime.bigint() - start) / 1e6 / ROUNDS };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function main(): Promise<void> {
  const pages = await samples();
  console.log(`A4 pages at 300 dpi, ${ROUNDS} rounds each; bytes are of a one-page PDF.\n`);
  console.log('page             project      grey JPEG q75   size ratio   ms/page project  baseline');
  let projectBytes = 0;
  let baselineBytes = 0;
  for (const { label, image } of pages) {
    const project = await measure(async () => (await compactPdf([{ image, resolution: 300 }], { title: label })).pdf);
    const baseline = await measure(() => greyJpegPdf(image));
    projectBytes += project.bytes;
    baselineBytes += baseline.bytes;
    console.log(
      `${label.padEnd(16)} ${kb(project.bytes).padStart(10)}   ${kb(baseline.bytes).padStart(12)}   ${(baseline.bytes / project.bytes).toFixed(2).padStart(8)}×   ${project.ms.toFixed(0).padStart(10)} ${baseline.ms.toFixed(0).padStart(9)}`,
    );
  }
  const perPage = (bytes: number) => kb(bytes / pages.length);
  console.log(`\nmean per page: project ${perPage(projectBytes)}, grey JPEG q75 ${perPage(baselineBytes)}, ratio ${(baselineBytes / projectBytes).toFixed(2)}× smaller`);
}

await main();
