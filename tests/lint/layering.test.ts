import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

test('lint refuses imports that break the layering', async () => {
  assert.deepEqual(await problems('domain/ids/violation.ts', "import { openDatabase } from '../../db/open';\nexport const x = openDatabase;\n"), ['import-x/no-restricted-paths']);
  assert.deepEqual(await problems('db/violation.ts', "import { createCore } from '../main/core';\nexport const x = createCore;\n"), ['import-x/no-restricted-paths']);
  assert.deepEqual(await problems('renderer/src/violation.ts', "import { createCore } from '../../main/core';\nexport const x = createCore;\n"), ['import-x/no-restricted-paths']);
  assert.deepEqual(await problems('main/violation.ts', "import { startSimulators } from '../registry/simulators/server';\nexport const x = startSimulators;\n"), ['import-x/no-restricted-paths']);
  assert.deepEqual(await problems('registry/violation.ts', "import { openDatabase } from '../db/open';\nexport const x = openDatabase;\n"), ['import-x/no-restricted-paths']);
  assert.deepEqual(await problems('pki/violation.ts', "import { createCore } from '../main/core';\nexport const x = createCore;\n"), ['import-x/no-restricted-paths']);
  assert.deepEqual(await problems('pki/violation.ts', "import { openDatabase } from '../db/open';\nexport const x = openDatabase;\n"), ['import-x/no-restricted-paths']);
  assert.deepEqual(await problems('domain/violation.ts', "import { verifyPdf } from '../pki/pdf/verify-pdf';\nexport const x = verifyPdf;\n"), ['import-x/no-restricted-paths']);
});

test('lint keeps Node, node-forge and Buffer out of the pure domain, and electron inside the shell', async () => {
  assert.deepEqual(await problems('domain/violation.ts', "import forge from 'node-forge';\nexport const x = forge;\n"), ['no-restricted-imports']);
  assert.deepEqual(await problems('domain/violation.ts', "export const x = Buffer.from('a');\n"), ['no-restricted-globals']);
  assert.deepEqual(await problems('domain/violation.ts', "import { createHash } from 'crypto';\nexport const x = createHash;\n"), ['no-restricted-imports']);
  assert.deepEqual(await problems('domain/violation.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"), ['no-restricted-imports']);
  assert.deepEqual(await problems('main/services/violation.ts', "import { app } from 'electron';\nexport const x = app;\n"), ['no-restricted-imports']);
});

test('lint accepts imports that follow the layering', async () => {
  assert.deepEqual(await problems('main/violation.ts', "import { openDatabase } from '../db/open';\nimport { isValidIdn } from '../domain/ids/iin-bin';\nexport const x = [openDatabase, isValidIdn];\n"), []);
  assert.deepEqual(await problems('renderer/src/ok.ts', "import type { PreloadApi } from '../../preload/types';\nexport type X = PreloadApi;\n"), []);
  assert.deepEqual(await problems('registry/ok.ts', "import { verifyPdf } from '../pki/pdf/verify-pdf';\nimport { OID } from '../pki/asn1/oids';\nexport const x = [verifyPdf, OID];\n"), []);
  assert.deepEqual(await problems('main/ok.ts', "import { verifyPdf } from '../pki/pdf/verify-pdf';\nexport const x = verifyPdf;\n"), []);
});

test('inside main/, arrows point one way: entry points → api → services → jobs and helpers', async () => {
  assert.deepEqual(await problems('main/services/violation.ts', "import { createRouter } from '../api/router';\nexport const x = createRouter;\n"), ['import-x/no-restricted-paths']);
  assert.deepEqual(await problems('main/services/violation.ts', "import { createCore } from '../core';\nexport const x = createCore;\n"), ['import-x/no-restricted-paths']);
  assert.deepEqual(await problems('main/api/violation.ts', "import { createCore } from '../core';\nexport const x = createCore;\n"), ['import-x/no-restricted-paths']);
  assert.deepEqual(await problems('main/jobs/violation.ts', "import { DocumentOcr } from '../services/ocr';\nexport const x = DocumentOcr;\n"), ['import-x/no-restricted-paths']);
  assert.deepEqual(await problems('main/licence/violation.ts', "import { issueLicence } from '../services/decisions';\nexport const x = issueLicence;\n"), ['import-x/no-restricted-paths']);
  assert.deepEqual(await problems('main/auth/violation.ts', "import { applicationHandlers } from '../api/applications';\nexport const x = applicationHandlers;\n"), ['import-x/no-restricted-paths']);
  assert.deepEqual(await problems('main/api/ok.ts', "import { register } from '../services/workflow';\nimport { JobQueue } from '../jobs/job-queue';\nexport const x = [register, JobQueue];\n"), []);
  assert.deepEqual(await problems('main/services/ok.ts', "import { JobQueue } from '../jobs/job-queue';\nimport { hashPassword } from '../auth/password';\nexport const x = [JobQueue, hashPassword];\n"), []);
});
