import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// No @vitejs/plugin-react: esbuild's automatic JSX runtime is all the build needs.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
  },
});
