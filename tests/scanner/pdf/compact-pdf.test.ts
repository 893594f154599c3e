import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { test } from 'node:test';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFStream, PDFString } from 'pdf-lib';
import sharp from 'sharp';
import { assetsDir } from '../../../main/paths';
import { compactPdf } from '../../../scanner/pdf/compact-pdf';
import type { OcrPage } from '../../../scanner/ocr/ocr-pool';
import { KAZAKH_TEXT, textPage } from '../../support/ocr-pages';
import { photoPage } from '../../support/photo-pages';
import { tempDir } from '../../support/temp';

const font = readFileSync(join(assetsDir(), 'fonts', 'DejaVuSans.ttf'));
const created = new Date('2026-11-30T09:15:42.500Z');

function withFile<T>(pdf: Buffer, use: (file: string) => T): T {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'scan.pdf');
    writeFileSync(file, pdf);
    return use(file);
  } finally {
    dir.remove();
  }
}

/** `pdfimages -list` rows: page, type, width, height, color, comp, bpc, enc, … */
const imagesOf = (pdf: Buffer) =>
  withFile(pdf, (file) =>
    execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((line) => line.trim().split(/\s+/)),
  );

test('text pages are stored 1-bit Flate, photos as JPEG in their own colours, each page the size of its scan', async () => {
  const pages = [
    { image: await textPage(KAZAKH_TEXT, 'noisy'), resolution: 300 },
    { image: await photoPage('colour', 200), resolution: 200 },
    { image: await photoPage('grey', 150), resolution: 150 },
  ];
  const { pdf, kinds } = await compactPdf(pages, { title: 'scan', created });
  assert.deepEqual(kinds, ['text', 'colour-photo', 'grey-photo']);
  const images = imagesOf(pdf);
  assert.deepEqual(
    images.map((row) => [row[0], row[5], row[7], row[8]]),
    [
      ['1', 'gray', '1', 'image'],
      ['2', 'rgb', '8', 'jpeg'],
      ['3', 'gray', '8', 'jpeg'],
    ],
  );
  const doc = await PDFDocument.load(pdf);
  // A4 at any resolution is 595 × 842 points.
  for (const page of doc.getPages()) assert.deepEqual([Math.round(page.getWidth()), Math.round(page.getHeight())], [595, 842]);
});

test('the OCR words lie over the image as text that can be found and copied, and are not seen', async () => {
  const image = await textPage(['Жандосов көшесі 12'], 'clean');
  // Where the words are on the generated page (the text block starts at 250, 300 px).
  const text: OcrPage = {
    text: 'Жандосов көшесі 12',
    confidence: 90,
    words: [
      { text: 'Жандосов', x0: 250, y0: 300, x1: 640, y1: 350 },
      { text: 'көшесі', x0: 660, y0: 300, x1: 930, y1: 350 },
      { text: '12', x0: 950, y0: 300, x1: 1030, y1: 350 },
    ],
  };
  const withText = (await compactPdf([{ image, resolution: 300, text }], { title: 'scan', font, created })).pdf;
  const without = (await compactPdf([{ image, resolution: 300 }], { title: 'scan', font, created })).pdf;
  withFile(withText, (file) => assert.match(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }), /Жандосов\s+көшесі\s+12/));
  assert.equal(withFile(without, (file) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).trim(), '');
  const render = (pdf: Buffer) => withFile(pdf, (file) => execFileSync('pdftoppm', ['-r', '40', '-gray', file]));
  assert.ok(render(withText).equals(render(without)), 'the text layer changes nothing that is drawn');
  const fonts = withFile(withText, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean));
  assert.equal(fonts.length, 1);
  assert.match(fonts[0]!, /DejaVuSans\S*\s+CID TrueType\s+Identity-H\s+yes\s+\S+\s+yes/, 'embedded, with a ToUnicode map');
});

test('made to PDF/A-2b: XMP claiming part 2 level B agrees with the document information, an sRGB output intent, a file identifier', async () => {
  const title = 'Құжат <1> & "копия"';
  const { pdf } = await compactPdf([{ image: await textPage(['Бет 1']), resolution: 300 }], { title, created });
  assert.equal(pdf.subarray(0, 9).toString('latin1'), '%PDF-1.7\n');
  assert.ok([...pdf.subarray(10, 14)].every((byte) => byte >= 128), 'a binary comment after the header');

  const xmp = withFile(pdf, (file) => execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' }));
  assert.match(xmp, /<pdfaid:part>2<\/pdfaid:part>/);
  assert.match(xmp, /<pdfaid:conformance>B<\/pdfaid:conformance>/);
  assert.match(xmp, /<rdf:li xml:lang="x-default">Құжат &#60;1&#62; &#38; &#34;копия&#34;<\/rdf:li>/);
  assert.match(xmp, /<xmp:CreateDate>2026-11-30T09:15:42Z<\/xmp:CreateDate>/);
  assert.match(xmp, /<pdf:Producer>АЖО<\/pdf:Producer>/);
  const info = withFile(pdf, (file) => execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' }));
  assert.match(info, /^Title:\s+Құжат <1> & "копия"$/m);
  assert.match(info, /^Producer:\s+АЖО$/m);
  assert.match(info, /^CreationDate:\s+2026-11-30T09:15:42Z$/m, 'the same second as the XMP says');
  assert.match(info, /^Encrypted:\s+no$/m);

  const doc = await PDFDocument.load(pdf);
  const metadata = doc.catalog.lookup(PDFName.of('Metadata'), PDFStream);
  assert.equal(metadata.dict.get(PDFName.of('Filter')), undefined, 'the XMP stays readable without decoding');
  const intents = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
  assert.equal(intents.size(), 1);
  const intent = intents.lookup(0, PDFDict);
  assert.equal(intent.get(PDFName.of('S')), PDFName.of('GTS_PDFA1'));
  assert.equal(intent.lookup(PDFName.of('OutputConditionIdentifier'), PDFString).decodeText(), 'sRGB IEC61966-2.1');
  const profile = intent.lookup(PDFName.of('DestOutputProfile'), PDFStream);
  assert.ok(profile instanceof PDFRawStream);
  const icc = inflateSync(profile.contents);
  assert.equal(icc.subarray(36, 40).toString('latin1'), 'acsp', 'an ICC profile');
  assert.equal(icc.subarray(16, 20).toString('latin1'), 'RGB ', 'for RGB, as N 3 says');
  assert.equal(icc.readUInt32BE(0), icc.length, 'whole');
  const id = doc.context.trailerInfo.ID;
  assert.ok(id instanceof PDFArray && id.size() === 2, 'the trailer names the file');
});

test('a text page is several times smaller than the same page as greyscale JPEG q75', async () => {
  for (const degradation of ['clean', 'noisy'] as const) {
    const image = await textPage(KAZAKH_TEXT, degradation);
    const compact = (await compactPdf([{ image, resolution: 300 }], { title: 'scan', created })).pdf.length;
    const baseline = (await sharp(image).greyscale().jpeg({ quality: 75 }).toBuffer()).length;
    assert.ok(compact * 3 < baseline, `${degradation}: ${compact} bytes against ${baseline} as grey JPEG q75`);
  }
});
