import { join } from 'node:path';
import sharp from 'sharp';
import { assetsDir } from '../../main/paths';

/**
 * A4 pages at 300 dpi with known text, for measuring OCR: the text is drawn by Pango in DejaVu Sans
 * (11 pt, as letters and certificates are printed), one line per line of the ground truth, then made
 * worse the way scanners and copiers make it: skewed, noisy, or saved as a low-quality JPEG.
 */
export const A4_300DPI = { width: 2480, height: 3508 };

export type Degradation = 'clean' | 'skewed' | 'noisy' | 'jpeg';

export const KAZAKH_TEXT = [
  'Қазақстан Республикасының Өнеркәсіп және құрылыс министрлігі',
  'Лицензиялау жөніндегі өңірлік басқарма, Алматы қаласы',
  '«Қазметалл» жауапкершілігі шектеулі серіктестігі',
  'Мекенжайы: Әуезов ауданы, Жандосов көшесі, 58 үй, 12 кеңсе',
  'Қызмет түрі: түсті және қара металдардың сынықтарын жинау,',
  'сақтау, өңдеу және өткізу бойынша лицензия беру туралы өтініш.',
  'Өтінішке қоса берілетін құжаттардың тізбесі мен көшірмелері',
  'тексерілді, біліктілік талаптарына сәйкестігі расталды.',
  'Басшы: Серікбаев Нұрлан Асқарұлы, күні: 2026 жылғы 12 қараша',
];

export const RUSSIAN_TEXT = [
  'Министерство промышленности и строительства Республики Казахстан',
  'Региональное управление по лицензированию, город Алматы',
  'Товарищество с ограниченной ответственностью «Казметалл»',
  'Адрес: Ауэзовский район, улица Жандосова, дом 58, офис 12',
  'Вид деятельности: сбор, хранение, переработка и реализация',
  'лома и отходов цветных и черных металлов. Настоящим сообщаем,',
  'что приложенные документы проверены, соответствие',
  'квалификационным требованиям подтверждено в полном объеме.',
  'Руководитель: Серикбаев Нурлан Аскарович, 12 ноября 2026 года',
];

function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A greyscale PNG page carrying the lines, at 300 dpi. */
export async function textPage(lines: string[], degradation: Degradation = 'clean', seed = 1): Promise<Buffer> {
  const block = await sharp({
    text: { text: escapeMarkup(lines.join('\n')), fontfile: join(assetsDir(), 'fonts', 'DejaVuSans.ttf'), font: 'DejaVu Sans 11', dpi: 300, spacing: 24, rgba: true },
  })
    .png()
    .toBuffer();
  let page = sharp({ create: { ...A4_300DPI, channels: 3, background: 'white' } }).composite([{ input: block, top: 300, left: 250 }]).greyscale();
  let png = await page.png().toBuffer();
  if (degradation === 'skewed') {
    png = await sharp(png).rotate(1.5, { background: 'white' }).resize(A4_300DPI.width, A4_300DPI.height, { fit: 'cover' }).greyscale().png().toBuffer();
  }
  if (degradation === 'noisy') png = await addNoise(png, seed);
  page = sharp(png).withMetadata({ density: 300 });
  return degradation === 'jpeg' ? page.jpeg({ quality: 20 }).toBuffer() : page.png().toBuffer();
}

/** Grain on paper and ink plus dust specks, from a fixed seed so every run measures the same page. */
async function addNoise(png: Buffer, seed: number): Promise<Buffer> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
  for (let i = 0; i < data.length; i++) {
    const grain = (random() + random() + random() - 1.5) * 60;
    let value = data[i]! + grain;
    if (random() < 0.002) value = 0;
    data[i] = Math.max(0, Math.min(255, Math.round(value)));
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } }).png().toBuffer();
}

/** Levenshtein distance over characters, on whitespace-collapsed text, divided by the truth's length. */
export function characterErrorRate(truth: string, read: string): number {
  const a = [...truth.replace(/\s+/g, ' ').trim()];
  const b = [...read.replace(/\s+/g, ' ').trim()];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]! / Math.max(1, a.length);
}
