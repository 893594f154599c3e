// Lint, and the layering it holds: domain (pure) ← pki, db, scanner ← main ← preload ← renderer; registry uses domain and pki.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const LAYERS = ['domain', 'pki', 'db', 'scanner', 'main', 'preload', 'renderer', 'registry', 'bin'];
const ALLOWED = {
  domain: [],
  pki: ['domain'],
  db: ['domain'],
  scanner: ['domain'],
  main: ['domain', 'pki', 'db', 'scanner'],
  preload: ['domain'],
  renderer: ['domain'],
  registry: ['domain', 'pki'],
};

const zones = Object.entries(ALLOWED).flatMap(([layer, allowed]) =>
  LAYERS.filter((other) => other !== layer && !allowed.includes(other)).map((other) => ({
    target: `./${layer}`,
    from: `./${other}`,
    // The renderer may use the preload's types (what window.ajo is), nothing else of it.
    ...(layer === 'renderer' && other === 'preload' ? { except: ['./types.ts'] } : {}),
    message: `${layer}/ may import only ${allowed.length ? allowed.join(', ') : 'nothing of the project'} (layering).`,
  })),
);

const NODE_BUILTINS = { group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto'], message: 'This layer runs without Node: no built-in modules.' };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'tests/lint-fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } } },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only main/electron/ and preload/ import electron.' }] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // electron-builder's hooks are CommonJS, loaded with require() as they are.
    files: ['scripts/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['main/electron/**', 'preload/**', 'bin/electron-main.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['domain/**', 'renderer/src/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'No electron here.' }], patterns: [NODE_BUILTINS] }] },
  },
  {
    // The domain is pure: the same rules run in the office, the registry and the browser.
    files: ['domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'No electron here.' },
            { name: 'node-forge', message: 'Cryptography lives in pki/, not in the domain.' },
          ],
          patterns: [NODE_BUILTINS],
        },
      ],
      'no-restricted-globals': ['error', { name: 'Buffer', message: 'The domain is pure: Uint8Array, not Buffer.' }, { name: 'process', message: 'The domain is pure: no process.' }],
    },
  },
);
