// npm run bench:ocr — OCR throughput (pages per minute) and character error rate of the project's
// pipeline (tesseract.js worker pool, Kazakh model from npm) beside the native `tesseract` command on
// the same generated pages in the same run, as ratios. Native runs one single-threaded process per core
// at a time (OMP_THREAD_LIMIT=1), the fastest way to push a batch through it; it is measured with the very
// model file the project uses and with Debian's own language packages (kaz, and kaz+rus).
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { OcrPool } from '../scanner/ocr/ocr-pool';
import { ocrAssets } from '../scanner/ocr/language-data';
import { characterErrorRate, KAZAKH_TEXT, RUSSIAN_TEXT, textPage, type Degradation } from '../tests/support/ocr-pages';
import { tempDir } from '../tests/support/temp';

const run = promisify(execFile);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const cores = availableParallelism();

interface Page {
  file: string;
  bytes: Buffer;
  truth: string;
  label: string;
}

interface Outcome {
  name: string;
  pagesPerMinute: number;
  cer: number;
  cerByLabel: Map<string, number>;
  memoryMb: number;
}

async function makePages(dir: string): Promise<Page[]> {
  const pages: Page[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [language, lines] of [['kk', KAZAKH_TEXT], ['ru', RUSSIAN_TEXT]] as const) {
      for (const degradation of ['clean', 'skewed', 'noisy', 'jpeg'] as Degradation[]) {
        const bytes = await textPage(lines, degradation, round + 1);
        const file = join(dir, `${language}-${degradation}-${round}.${degradation === 'jpeg' ? 'jpg' : 'png'}`);
        writeFileSync(file, bytes);
        pages.push({ file, bytes, truth: lines.join('\n'), label: `${language} ${degradation}` });
      }
    }
  }
  return pages;
}

/** Character errors over all pages divided by all characters, and the same per kind of page. */
function errorRates(pages: Page[], texts: string[]): { cer: number; byLabel: Map<string, number> } {
  let errors = 0, chars = 0;
  const byLabel = new Map<string, { errors: number; chars: number }>();
  pages.forEach((page, i) => {
    const length = page.truth.replace(/\s+/g, ' ').trim().length;
    const pageErrors = characterErrorRate(page.truth, texts[i]!) * length;
    errors += pageErrors;
    chars += length;
    const entry = byLabel.get(page.label) ?? { errors: 0, chars: 0 };
    entry.errors += pageErrors;
    entry.chars += length;
    byLabel.set(page.label, entry);
  });
  return { cer: errors / chars, byLabel: new Map([...byLabel].map(([label, e]) => [label, e.errors / e.chars])) };
}

async function project(pages: Page[]): Promise<Outcome> {
  const pool = new OcrPool({ size: cores });
  // Warm-up: workers start and load the model before the clock starts, as they stay up in the app.
  await Promise.all(Array.from({ length: cores }, () => pool.recognize(pages[0]!.bytes)));
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const start = performance.now();
  const texts = (await Promise.all(pages.map((p) => pool.recognize(p.bytes, 300)))).map((r) => r.text);
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  await pool.close();
  const { cer, byLabel } = errorRates(pages, texts);
  // Workers are threads of this process: what they hold is its resident memory above the idle Node process.
  return { name: `tesseract.js pool (${cores} workers)`, pagesPerMinute: (pages.length * 60) / seconds, cer, cerByLabel: byLabel, memoryMb: (peak - idleRss) / cores / 1e6 };
}

async function native(name: string, pages: Page[], args: string[]): Promise<Outcome> {
  const texts: string[] = new Array(pages.length);
  const peaks: number[] = [];
  let next = 0;
  const lane = async () => {
    while (next < pages.length) {
      const i = next++;
      const { stdout, stderr } = await run('/usr/bin/time', ['-f', 'maxrss=%M', 'tesseract', pages[i]!.file, '-', '--oem', '1', '--dpi', '300', ...args], {
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
        maxBuffer: 16 << 20,
      });
      texts[i] = stdout;
      peaks.push(Number(/maxrss=(\d+)/.exec(stderr)?.[1] ?? 0) / 1000);
    }
  };
  // One page first, so that the model is in the page cache before the clock starts.
  await run('tesseract', [pages[0]!.file, '-', '--oem', '1', ...args]);
  const start = performance.now();
  await Promise.all(Array.from({ length: cores }, lane));
  const seconds = (performance.now() - start) / 1000;
  const { cer, byLabel } = errorRates(pages, texts);
  return { name, pagesPerMinute: (pages.length * 60) / seconds, cer, cerByLabel: byLabel, memoryMb: Math.max(...peaks) };
}

const idleRss = process.memoryUsage().rss;
const dir = tempDir();
try {
  const pages = await makePages(dir.path);
  // The project's model file, unpacked, so native tesseract reads exactly what tesseract.js reads.
  const sameModel = join(dir.path, 'tessdata');
  mkdirSync(sameModel);
  writeFileSync(join(sameModel, 'kaz.traineddata'), gunzipSync(readFileSync(join(ocrAssets().languageDir, 'kaz.traineddata.gz'))));

  const ours = await project(pages);
  const nativeSame = await native('native tesseract, same kaz model', pages, ['-l', 'kaz', '--tessdata-dir', sameModel]);
  const nativeDebian = await native('native tesseract, Debian kaz', pages, ['-l', 'kaz']);
  const nativeBoth = await native('native tesseract, Debian kaz+rus', pages, ['-l', 'kaz+rus']);

  console.log(`OCR benchmark: ${pages.length} A4 pages at 300 dpi (Kazakh and Russian; clean, skewed, noisy, JPEG q20), ${cores} cores\n`);
  const rows = [ours, nativeSame, nativeDebian, nativeBoth];
  console.log('pipeline'.padEnd(40) + 'pages/min'.padStart(10) + 'CER'.padStart(9) + 'MB/worker'.padStart(11));
  for (const r of rows) console.log(r.name.padEnd(40) + r.pagesPerMinute.toFixed(1).padStart(10) + `${(r.cer * 100).toFixed(2)}%`.padStart(9) + r.memoryMb.toFixed(0).padStart(11));
  console.log('\nCER by page kind:'.padEnd(41) + rows.map((_, i) => `#${i + 1}`.padStart(8)).join(''));
  for (const label of ours.cerByLabel.keys()) console.log(`  ${label}`.padEnd(40) + rows.map((r) => `${((r.cerByLabel.get(label) ?? 0) * 100).toFixed(2)}%`.padStart(8)).join(''));
  const ratio = ours.pagesPerMinute / nativeSame.pagesPerMinute;
  console.log(`\nthroughput ratio (ours / native, same model): ${ratio.toFixed(2)} (goal >= 0.80)`);
  console.log(`throughput ratio (ours / native, Debian kaz): ${(ours.pagesPerMinute / nativeDebian.pagesPerMinute).toFixed(2)}`);
  console.log(`CER: ours ${(ours.cer * 100).toFixed(2)}% vs native same model ${(nativeSame.cer * 100).toFixed(2)}%, Debian kaz ${(nativeDebian.cer * 100).toFixed(2)}%, kaz+rus ${(nativeBoth.cer * 100).toFixed(2)}%`);
} finally {
  dir.remove();
}
