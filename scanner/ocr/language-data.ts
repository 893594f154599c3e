import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where tesseract.js and its Kazakh model live on disk. Nothing is downloaded: the model is the npm
 * package @tesseract.js-data/kaz (tessdata 4.0.0, 9 MB; Debian's tesseract-ocr-kaz ships the smaller
 * "fast" model). Kazakh's alphabet contains every Russian letter, so one model reads both languages —
 * the registry has no @tesseract.js-data/rus, and `npm run bench:ocr` measures what that costs.
 *
 * In a packaged app these folders are unpacked beside app.asar (electron-builder.yml asarUnpack):
 * worker threads and the WebAssembly loader read real files.
 */
const require = createRequire(import.meta.url ?? __filename);

const unpacked = (path: string) => path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');

function packageDir(name: string): string {
  return unpacked(dirname(require.resolve(`${name}/package.json`)));
}

export const OCR_LANGUAGE = 'kaz';

export interface OcrAssets {
  /** Folder holding kaz.traineddata.gz. */
  languageDir: string;
  /** tesseract.js's worker-thread script. */
  workerPath: string;
}

export function ocrAssets(): OcrAssets {
  return {
    languageDir: join(packageDir('@tesseract.js-data/kaz'), '4.0.0'),
    workerPath: join(packageDir('tesseract.js'), 'src', 'worker-script', 'node', 'index.js'),
  };
}
