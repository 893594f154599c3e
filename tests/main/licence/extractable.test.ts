import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PDFPage } from 'pdf-lib';
import { renderConclusion, renderLicence, renderRefusal, type LicenceData } from '../../../main/licence/render';
import { tablePdf } from '../../../main/reports/pdf';
import { pdfText } from '../../support/verifiers';

/**
 * Every document the office makes keeps every letter a machine can read (pdftotext, the registry's and
 * an inspector's tools): each word drawn — regular and bold, Kazakh and Russian — is found in the text
 * pdftotext takes out. The documents are made one after another in one process, as the app makes them
 * (a font is parsed once and shared: letters first met as parts of other glyphs once lost their
 * characters in every later document).
 */
const both = (kk: string, ru: string) => ({ kk, ru });
const LICENSEE = { kind: 'legal' as const, name: '«Әлем Ғарыш Құрылыс Өнім Ұлы Үміт Һ Іргетас» ЖШС / ТОО «Ёлка-Йошкар»', address: 'Қарағанды қ., Ержанов к-сі, 1', idn: '150840001234' };
const LICENCE: LicenceData = {
  number: 'KZ26KRG00000001',
  date: '2026-11-23',
  activity: both('Түсті және қара металл сынықтарын жинау (дайындау), сақтау, қайта өңдеу және өткізу', 'Сбор (заготовка), хранение, переработка и реализация лома цветных и чёрных металлов'),
  licenceType: both('Бірінші санаттағы лицензия', 'Лицензия первой категории'),
  subtypes: [both('Қара металдардың сынықтары', 'Лом чёрных металлов'), both('Түсті металдардың қалдықтары', 'Отходы цветных металлов')],
  validity: both('Мерзімсіз', 'Бессрочная'),
  licensee: LICENSEE,
  licensor: both('Қарағанды облысының кәсіпкерлік басқармасы', 'Управление предпринимательства Карагандинской области'),
  headName: 'Сәрсенбаев Қайрат Болатұлы',
  placeOfIssue: both('Қарағанды қаласы', 'город Караганда'),
  productionBase: 'Атырау қ., Өндіріс к-сі, 12, №2 алаң',
  specialConditions: 'Таразы жыл сайын тексеріледі; объём — не более 500 т.',
};
const REFUSAL = {
  number: 'KRG-2026-R00001',
  date: '2026-11-23',
  service: LICENCE.activity,
  journalNumber: 'KRG-2026-00007',
  licensee: LICENSEE,
  unmet: [{ number: 2, text: both('Сертификатталған таразылардың болуы', 'Наличие сертифицированных весов'), note: 'Тексеру кезінде табылмады / не обнаружены при проверке' }],
  reason: 'Біліктілік талаптарына сәйкес келмейді. Не соответствует квалификационным требованиям (ёмкость, объём, подъезд).',
  licensor: LICENCE.licensor,
  headName: LICENCE.headName,
};

const KINDS: [string, () => Promise<Buffer>][] = [
  ['licence', async () => Buffer.from(await (await renderLicence(LICENCE)).pdf.save())],
  ['reissued licence', async () => Buffer.from(await (await renderLicence({ ...LICENCE, number: 'KZ26KRG00000002', reissueOf: { number: 'KZ26KRG00000001', date: '2026-11-23' } })).pdf.save())],
  ['duplicate', async () => Buffer.from(await (await renderLicence({ ...LICENCE, duplicate: { number: 'KZ26KRG00000001-D1', date: '2026-12-01' } })).pdf.save())],
  ['refusal', async () => Buffer.from(await (await renderRefusal(REFUSAL)).pdf.save())],
  ['refusal of further consideration', async () => Buffer.from(await (await renderRefusal({ ...REFUSAL, unmet: [], incomplete: { missing: [both('Мемлекеттік баж төленгені туралы түбіртек', 'Квитанция об оплате госпошлины')] } })).pdf.save())],
  ['negative conclusion', async () => Buffer.from(await (await renderRefusal({ ...REFUSAL, conclusion: true })).pdf.save())],
  [
    'conclusion',
    async () =>
      Buffer.from(
        await (
          await renderConclusion({
            number: 'KZ26VCZ00000001',
            date: '2026-11-23',
            journalNumber: 'KRG-2026-00009',
            expertise: both('Мемлекеттік экологиялық сараптама', 'Государственная экологическая экспертиза'),
            customer: LICENSEE,
            object: 'Қоқыс полигоны, Теміртау қ. / Полигон ТБО, г. Темиртау',
            conditions: 'Шығарындылар нормативтерін сақтау / Соблюдать нормативы выбросов',
            validity: both('Мерзімсіз', 'Бессрочно'),
            provider: both('Экология департаменті', 'Департамент экологии'),
            headName: LICENCE.headName,
            placeOfIssue: LICENCE.placeOfIssue,
          })
        ).pdf.save(),
      ),
  ],
  [
    'report',
    () =>
      tablePdf({
        title: 'Өтініштер журналы / Журнал заявлений',
        subtitle: ['Қарағанды облысының басқармасы', 'Кезең / Период: 01.11.2026 — 30.11.2026'],
        columns: [{ header: 'Тіркеу нөмірі / Регистрационный номер', width: 2 }, { header: 'Өтініш беруші / Заявитель', width: 3 }],
        rows: [['KRG-2026-00001', LICENSEE.name], ['KRG-2026-00002', 'Жеке кәсіпкер Ёрқынов Йұлдыз / ИП Ёркинов']],
      }),
  ],
];

/** The words a document draws, as they are drawn (pdf-lib's drawText is where every line of text goes). */
async function drawnWhile(make: () => Promise<Buffer>): Promise<{ pdf: Buffer; words: string[] }> {
  const drawn: string[] = [];
  const original = PDFPage.prototype.drawText;
  PDFPage.prototype.drawText = function (this: PDFPage, text: string, options) {
    drawn.push(text);
    return original.call(this, text, options);
  };
  try {
    const pdf = await make();
    return { pdf, words: drawn.flatMap((line) => line.split(/\s+/)).filter(Boolean) };
  } finally {
    PDFPage.prototype.drawText = original;
  }
}

test('pdftotext reads every word of every kind of document the office makes, bold and regular, Kazakh and Russian — also when made one after another', async () => {
  // Twice round: the second time, every font part is one an earlier document has met.
  for (const round of [1, 2]) {
    for (const [kind, make] of KINDS) {
      const { pdf, words } = await drawnWhile(make);
      const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
      const lost = [...new Set(words.filter((word) => !text.includes(word)))];
      assert.deepEqual(lost, [], `${kind} (round ${round}): words pdftotext does not read`);
      assert.ok(words.length > 20, kind);
    }
  }
});

test('every paper prints its dates as dd.mm.yyyy, and every refusal (and negative conclusion) says how and where it may be appealed', async () => {
  for (const [kind, make] of KINDS.filter(([k]) => k !== 'report')) {
    const text = (await pdfText(await make())).replace(/\s+/g, ' ');
    assert.match(text, /23\.11\.2026/, kind);
    assert.doesNotMatch(text, /\b20\d\d-\d\d-\d\d\b/, `${kind}: no ISO date on paper`);
    const appealed = kind.includes('refusal') || kind === 'negative conclusion';
    assert.equal(/Административного процедурно-процессуального кодекса/.test(text) && /Әкімшілік рәсімдік-процестік кодексінің/.test(text), appealed, kind);
  }
});
