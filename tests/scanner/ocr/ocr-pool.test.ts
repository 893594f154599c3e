import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OcrPool } from '../../../scanner/ocr/ocr-pool';
import { characterErrorRate, KAZAKH_TEXT, RUSSIAN_TEXT, textPage, type Degradation } from '../../support/ocr-pages';

/** Ceilings well above what the Kazakh model reaches here (0–1.3 %), so that a regression shows and noise does not. */
const CER_CEILING: Record<Degradation, number> = { clean: 0.02, skewed: 0.03, noisy: 0.04, jpeg: 0.03 };

test('Kazakh and Russian pages are read offline with few errors, clean and degraded', { timeout: 180_000 }, async () => {
  const pool = new OcrPool({ size: 2 });
  try {
    const cases: [string, string[], Degradation][] = [
      ['kk', KAZAKH_TEXT, 'clean'],
      ['ru', RUSSIAN_TEXT, 'clean'],
      ['kk', KAZAKH_TEXT, 'skewed'],
      ['ru', RUSSIAN_TEXT, 'noisy'],
      ['kk', KAZAKH_TEXT, 'jpeg'],
    ];
    const results = await Promise.all(cases.map(async ([, lines, degradation]) => pool.recognize(await textPage(lines, degradation), 300)));
    results.forEach((page, i) => {
      const [language, lines, degradation] = cases[i]!;
      const cer = characterErrorRate(lines.join('\n'), page.text);
      assert.ok(cer <= CER_CEILING[degradation], `${language} ${degradation}: CER ${cer.toFixed(4)} over ${CER_CEILING[degradation]}\n${page.text}`);
      assert.ok(page.words.length > 40, 'words with their boxes, for the text layer');
      for (const word of page.words) assert.ok(word.x1 > word.x0 && word.y1 > word.y0);
    });
    assert.match(results[0]!.text, /Жандосов көшесі/);
  } finally {
    await pool.close();
  }
});

test('a worker is replaced after its quota of pages; a closed pool refuses work', { timeout: 120_000 }, async () => {
  const pool = new OcrPool({ size: 1, recycleAfter: 2 });
  const page = await textPage(['Тест 1234'], 'clean');
  await pool.recognize(page);
  assert.deepEqual(pool.workerPages, [1]);
  await pool.recognize(page);
  assert.deepEqual(pool.workerPages, [], 'retired after two pages');
  const again = await pool.recognize(page);
  assert.match(again.text, /Тест/);
  assert.deepEqual(pool.workerPages, [1], 'a fresh worker took over');
  await pool.close();
  await assert.rejects(pool.recognize(page), /closed/);
});

test('an image tesseract cannot decode is a rejected job, and the pool goes on', { timeout: 120_000 }, async () => {
  const pool = new OcrPool({ size: 1 });
  try {
    await assert.rejects(pool.recognize(Buffer.from('not an image at all')));
    const page = await pool.recognize(await textPage(['Алматы 2026'], 'clean'));
    assert.match(page.text, /Алматы/);
  } finally {
    await pool.close();
  }
});

test('closing the pool mid-read settles every page, the one being read and the ones waiting', { timeout: 120_000 }, async () => {
  const pool = new OcrPool({ size: 1 });
  const page = await textPage(KAZAKH_TEXT, 'clean');
  const settled = Promise.allSettled([pool.recognize(page), pool.recognize(page)]);
  assert.equal(pool.waiting, 1, 'one page with the worker, one in the queue');
  await pool.close();
  // A terminated worker never answers: without the pool's own answer these would hang the app's quit.
  const outcomes = await settled;
  assert.deepEqual(
    outcomes.map((o) => o.status),
    ['rejected', 'rejected'],
  );
});

test('closing the pool while a worker is being set up for a page never calls the terminated worker', { timeout: 120_000 }, async () => {
  const pool = new OcrPool({ size: 1 });
  const page = await textPage(KAZAKH_TEXT, 'clean');
  await pool.recognize(page);
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    // The app quits just as the worker takes its settings for the next page.
    const worker = await (pool as unknown as { slots: { worker: Promise<{ setParameters: (p: unknown) => Promise<unknown> }> }[] }).slots[0]!.worker;
    const setParameters = worker.setParameters.bind(worker);
    let closing: Promise<void> | null = null;
    worker.setParameters = async (parameters) => {
      const answer = await setParameters(parameters);
      closing = pool.close();
      await closing;
      return answer;
    };
    assert.equal((await Promise.allSettled([pool.recognize(page)]))[0]!.status, 'rejected');
    await closing;
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(unhandled, []);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});
