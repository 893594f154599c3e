// Runs every tests/**/*.test.ts with Node's own test runner (through tsx), unit and integration first, e2e last.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startTestPostgres } from './test-postgres.mjs';

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

// A test stuck on its own fails after 5 minutes; a file that never exits (a handle left open) is caught
// by the run's own ceiling, well inside CI's 90 minutes, so that a hang is reported rather than timed out.
const RUN_CEILING_MS = 45 * 60 * 1000;

// The registry's tests run on PGlite and on a real PostgreSQL: one given in AJO_TEST_POSTGRES_URL, or one started here.
const postgres = process.env.AJO_TEST_POSTGRES_URL || only === 'e2e' ? null : await startTestPostgres();
if (postgres?.url) console.log(`Registry tests also on PostgreSQL: ${postgres.url}`);
else if (postgres) console.log(`Registry tests on PGlite only: ${postgres.reason}`);
const env = postgres?.url ? { ...process.env, AJO_TEST_POSTGRES_URL: postgres.url } : process.env;
let result;
try {
  result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-timeout=300000', ...files], {
    stdio: 'inherit',
    timeout: RUN_CEILING_MS,
    env,
  });
} finally {
  postgres?.stop();
}
if (result.error?.code === 'ETIMEDOUT') console.error(`\nThe tests did not finish within ${RUN_CEILING_MS / 60000} minutes: a test file left something running.`);
process.exit(result.status ?? 1);
