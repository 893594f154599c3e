import type { z } from 'zod';
import { createCore } from '../core';
import { defaultDataDir } from '../paths';

/** What a command reads and writes: lines out, lines to the error stream, the environment. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

/** Bad usage: the command line itself is wrong (exit 2, with the usage). */
export class UsageError extends Error {}

export function dataDirOf(values: { 'data-dir'?: string | undefined }, env: NodeJS.ProcessEnv): string {
  return values['data-dir'] ?? defaultDataDir(env);
}

export function parseOr<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`${what}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'value'} ${i.message}`).join('; ')}`);
  return parsed.data;
}

export function openCoreFor(dataDir: string) {
  // The CLI never talks to the state databases; the gateway URL is unused here.
  return createCore({ dataDir, gatewayUrl: 'http://127.0.0.1:9', resumeBackgroundWork: false });
}
