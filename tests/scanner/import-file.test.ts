import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { ImportError, inspectFile } from '../../scanner/import-file';
import { samplePdf, TINY_PNG } from '../support/documents';

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
