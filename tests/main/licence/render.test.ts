import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fontkit from '@pdf-lib/fontkit';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { renderLicence, renderRefusal, type LicenceData } from '../../../main/licence/render';
import { tempDir } from '../../support/temp';
import { canonicalDigest, parseQrText } from '../../../main/licence/qr';

const both = (kk: string, ru: string) => ({ kk, ru });
const LICENCE: LicenceData = {
  number: 'KZ26KRG00000001',
  date: '2026-11-23',
  activity: both('Түсті және қара металл сынықтарын жинау', 'Сбор лома цветных и черных металлов'),
  licenceType: both('Бірінші санаттағы лицензия', 'Лицензия первой категории'),
  subtypes: [both('Қара металдар', 'Черные металлы')],
  validity: both('Мерзімсіз', 'Бессрочная'),
  licensee: { kind: 'legal', name: '«Әлем Ғарыш Құрылыс Өнім Ұлы Үміт Һ Іргетас» ЖШС', address: 'Қарағанды қ.', idn: '150840001234' },
  licensor: both('Қарағанды облысының басқармасы', 'Управление Карагандинской области'),
  headName: 'Сәрсенбаев Қайрат Болатұлы',
  placeOfIssue: both('Қарағанды қаласы', 'город Караганда'),
};

/** The embedded font programs of a PDF, as fontkit fonts. */
function embeddedFonts(pdf: PDFDocument) {
  const fonts = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const ref = object.get(PDFName.of('FontFile2'));
    const stream = ref instanceof PDFRef ? pdf.context.lookup(ref) : undefined;
    if (stream instanceof PDFRawStream) fonts.push(fontkit.create(Buffer.from(decodePDFRawStream(stream).decode())));
  }
  return fonts;
}

test('the licence embeds subset fonts in which every glyph has its outline (Kazakh letters included)', async () => {
  const saved = await PDFDocument.load(await (await renderLicence(LICENCE)).pdf.save());
  const fonts = embeddedFonts(saved);
  assert.equal(fonts.length, 2, 'regular and bold');
  for (const font of fonts) {
    assert.ok(font.numGlyphs < 200, `subset, not the whole font (${font.numGlyphs} glyphs)`);
    const empty = [];
    for (let id = 1; id < font.numGlyphs; id++) if (font.getGlyph(id).path.toSVG() === '') empty.push(id);
    assert.ok(empty.length <= 1, `glyphs without outlines: ${empty.join(', ')} (only the space may be empty)`);
  }
});

test('the licence and its annex read in both languages', async () => {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'licence.pdf');
    writeFileSync(file, await (await renderLicence(LICENCE)).pdf.save());
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const expected of ['ЛИЦЕНЗИЯ / ЛИЦЕНЗИЯ', 'ЛИЦЕНЗИЯҒА ҚОСЫМША / ПРИЛОЖЕНИЕ К ЛИЦЕНЗИИ', 'KZ26KRG00000001', 'Әлем Ғарыш Құрылыс Өнім Ұлы Үміт Һ Іргетас', 'Лицензиар / Лицензиар', 'Бессрочная']) {
      assert.ok(text.includes(expected), expected);
    }
    const refusal = join(dir.path, 'refusal.pdf');
    writeFileSync(refusal, await (await renderRefusal({
      number: 'KRG-2026-R00001', date: '2026-11-23', service: LICENCE.activity, journalNumber: 'KRG-2026-00007',
      licensee: LICENCE.licensee, unmet: [{ number: 2, text: both('Таразы', 'Весы'), note: 'тексерілмеген' }], reason: 'Талаптарға сәйкес емес',
      licensor: LICENCE.licensor, headName: LICENCE.headName,
    })).pdf.save());
    const refusalText = execFileSync('pdftotext', [refusal, '-'], { encoding: 'utf8' });
    assert.ok(refusalText.includes('ДӘЛЕЛДІ БАС ТАРТУ / МОТИВИРОВАННЫЙ ОТКАЗ'));
    assert.ok(refusalText.includes('2. Таразы / Весы — тексерілмеген'), 'numbered as in the checklist');
  } finally {
    dir.remove();
  }
});

test('the QR code on the licence decodes (zbarimg) to its number and the digest of its data', async () => {
  const dir = tempDir();
  try {
    const rendered = await renderLicence(LICENCE);
    const file = join(dir.path, 'licence.pdf');
    writeFileSync(file, await rendered.pdf.save());
    execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', file, join(dir.path, 'page')]);
    const decoded = execFileSync('zbarimg', ['--raw', '-q', join(dir.path, 'page-1.png')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    assert.equal(decoded, rendered.qr);
    assert.deepEqual(parseQrText(decoded), { kind: 'licence', number: LICENCE.number, date: LICENCE.date, digest: canonicalDigest(LICENCE) });
    assert.notEqual(canonicalDigest({ ...LICENCE, headName: 'Басқа адам' }), canonicalDigest(LICENCE));
  } finally {
    dir.remove();
  }
});
