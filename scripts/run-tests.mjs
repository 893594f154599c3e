// Runs every tests/**/*.test.ts with Node's own test runner (through tsx), unit and integration first, e2e last.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'lint-fixtures' ? [] : find(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const all = find('tests').sort();
const e2e = all.filter((f) => f.startsWith(join('tests', 'e2e')));
const rest = all.filter((f) => !e2e.includes(f));
const files = only === 'e2e' ? e2e : only === 'unit' ? rest : [...rest, ...e2e];

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
