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
async function run() {
  if (args[0] === 'registry') return (await import('../registry/cli.ts')).runRegistryCli(args.slice(1), io);
  // The simulation needs the state-database simulators and the demo NCA as well as the core: bin/ composes them.
  if (args[0] === 'simulate') {
    try {
      return await (await import('./simulate.ts')).simulate(args.slice(1), io.out);
    } catch (error) {
      io.err(`ajo simulate: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    }
  }
  return (await import('../main/cli/index.ts')).runCli(args, io);
}
const code = await run();
process.exitCode = code;
