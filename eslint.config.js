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

// Inside main/, arrows point one way: entry points (core wiring, CLI, Electron shell, web host, demo) →
// api (the router and each area's handlers) → services (and the context they share) → what lies below
// them (jobs, auth helpers, licence layout, gateway, catalogue, files); repositories are db/.
const MAIN_ENTRY = ['./main/core.ts', './main/cli', './main/electron', './main/web-host', './main/demo'];
const MAIN_API = ['./main/api'];
const MAIN_SERVICES = ['./main/services', './main/sync', './main/context.ts'];
const MAIN_BELOW = ['./main/jobs', './main/auth', './main/licence', './main/reports', './main/gateway', './main/catalogue', './main/fonts.ts', './main/paths.ts', './main/security.ts', './main/static-files.ts', './main/storage.ts'];
const mainZone = (targets, forbidden, message) => targets.map((target) => ({ target, from: forbidden, message }));
const mainZones = [
  ...mainZone(MAIN_API, MAIN_ENTRY, 'main/api may not import the entry points (core, cli, electron, web-host, demo).'),
  ...mainZone(MAIN_SERVICES, [...MAIN_API, ...MAIN_ENTRY], 'Services may not import the api or the entry points: api → services, never back.'),
  ...mainZone(MAIN_BELOW, [...MAIN_SERVICES, ...MAIN_API, ...MAIN_ENTRY], 'What lies below the services (jobs, auth helpers, licence, gateway, catalogue) may not import services, api or entry points.'),
];

const NODE_BUILTINS = { group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto'], message: 'This layer runs without Node: no built-in modules.' };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'tests/lint-fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } } },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [...zones, ...mainZones] }],
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
