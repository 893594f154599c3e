// Bundles the Electron entry points. Native and worker-thread packages stay external: they load files beside their own code.
// The preload must be one CommonJS file: sandboxed preloads cannot require project modules.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning' };
await build({ ...common, entryPoints: ['bin/electron-main.ts'], outfile: 'dist/electron/main.cjs', external: ['electron', 'better-sqlite3', 'sharp', 'tesseract.js'], define: { 'import.meta.url': 'undefined' } });
await build({ ...common, entryPoints: ['preload/index.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'] });
