#!/usr/bin/env node
// The `ajo` command in a checkout: TypeScript runs through tsx, so no build step is needed after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};
const args = process.argv.slice(2);
// The registry's commands belong to the registry (registry/ never reaches into the workstation's main/).
const code =
  args[0] === 'registry'
    ? await (await import('../registry/cli.ts')).runRegistryCli(args.slice(1), io)
    : await (await import('../main/cli/index.ts')).runCli(args, io);
process.exitCode = code;
