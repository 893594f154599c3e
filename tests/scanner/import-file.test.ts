import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import sharp from 'sharp';
import { ImportError, inspectFile } from '../../scanner/import-file';
import { samplePdf, TINY_PNG } from '../support/documents';
import { deflatedZeros, imageBombPdf, pdfWithImage } from '../support/bombs';
import { pdfPageImages } from '../../scanner/pdf/page-images';

async function problem(bytes: Uint8Array): Promise<string> {
  try {
    await inspectFile(bytes);
    return 'accepted';
  } catch (error) {
    assert.ok(error instanceof ImportError);
    return error.problem;
  }
}

function jpeg(width: number, height: number): Buffer {
  const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return Buffer.from([0xff, 0xd8, ...sof, 0xff, 0xd9]);
}

test('PDF, JPEG and PNG are recognised by their bytes, with page counts', async () => {
  assert.deepEqual(await inspectFile(await samplePdf('x', 3)), { mime: 'application/pdf', pages: 3 });
  assert.deepEqual(await inspectFile(TINY_PNG), { mime: 'image/png', pages: 1 });
  assert.deepEqual(await inspectFile(jpeg(2480, 3508)), { mime: 'image/jpeg', pages: 1 });
});

test('bad files are refused with the reason', async () => {
  const pdf = await samplePdf('x');
  assert.equal(await problem(new Uint8Array()), 'empty');
  assert.equal(await problem(Buffer.from('just text, renamed to .pdf')), 'unsupported-format');
  assert.equal(await problem(pdf.subarray(0, pdf.length - 200)), 'truncated');
  assert.equal(await problem(jpeg(100, 100).subarray(0, 12)), 'truncated');
  assert.equal(await problem(TINY_PNG.subarray(0, 40)), 'truncated');
  assert.equal(await problem(jpeg(20_000, 20_000)), 'image-too-large');
  assert.equal(await problem(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 0x41), Buffer.from('\n%%EOF\n')])), 'damaged');
});

test('an encrypted PDF is refused', async () => {
  const pdf = await PDFDocument.create();
  pdf.addPage();
  const bytes = Buffer.from(await pdf.save({ useObjectStreams: false }));
  // pdf-lib cannot encrypt; an /Encrypt entry in the trailer is what readers go by.
  const text = bytes.toString('latin1').replace('trailer\n<<', 'trailer\n<<\n/Encrypt << /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>');
  assert.notEqual(text, bytes.toString('latin1'));
  assert.equal(await problem(Buffer.from(text, 'latin1')), 'encrypted');
});

test('a PDF carrying JavaScript, a launch action or an embedded file is refused as active content', async () => {
  const withAction = async (action: { [key: string]: string | PDFString | (string | number)[] }) => {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    pdf.catalog.set(PDFName.of('OpenAction'), pdf.context.obj(action));
    return Buffer.from(await pdf.save());
  };
  assert.equal(await problem(await withAction({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') })), 'active-content');
  assert.equal(await problem(await withAction({ S: 'Launch', F: PDFString.of('cmd.exe') })), 'active-content');
  assert.equal(await problem(await withAction({ S: 'GoTo', D: [0, 'Fit'] })), 'accepted', 'a plain navigation action is harmless');
});

test('a multi-page TIFF is recognised with its pages; one cut short is refused', async () => {
  const page = (shade: number) => sharp({ create: { width: 200, height: 300, channels: 3, background: { r: shade, g: shade, b: shade } } }).png().toBuffer();
  const tiff = await sharp([await page(255), await page(200), await page(100)], { join: { animated: true } }).tiff({ compression: 'lzw' }).toBuffer();
  assert.deepEqual(await inspectFile(tiff), { mime: 'image/tiff', pages: 3 });
  assert.equal(await problem(tiff.subarray(0, 40)), 'damaged');
});

test('a PDF whose image declares more pixels than the limit is refused before anything is decoded', async () => {
  assert.equal(await problem(await imageBombPdf(11_000)), 'image-too-large');
  assert.equal(await problem(await pdfWithImage(2000, 2000, await deflatedZeros(2000 * 2000))), 'accepted');
});

test('an image that inflates to more than its dictionary declares is not decoded past it, and gives no page', async () => {
  // Declares 100 × 100 grey; holds 50 MB of zeros.
  const liar = await pdfWithImage(100, 100, await deflatedZeros(50 * 2 ** 20));
  const short = await pdfWithImage(100, 100, await deflatedZeros(100 * 50));
  const honest = await pdfWithImage(100, 100, await deflatedZeros(100 * 100));
  const first = async (bytes: Buffer) => (await pdfPageImages(bytes).next()).value;
  assert.equal(await first(liar), null);
  assert.equal(await first(short), null);
  const page = await first(honest);
  assert.deepEqual(await sharp(page!.image).metadata().then((m) => [m.width, m.height, m.channels]), [100, 100, 1]);
});
