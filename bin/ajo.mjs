#!/usr/bin/env node
// The `ajo` command in a checkout: TypeScript runs through tsx, so no build step is needed after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../main/cli/index.ts');
const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});
process.exitCode = code;
