import { z } from 'zod';
import { isValidIdn } from '../ids/iin-bin';
import type { Role } from '../applications/status';
import { DocumentFileName } from '../events/values';
import type { Use } from '../applications/ownership';

/**
 * How one call of the API is described (each area's file lists its calls; contract.ts gathers them):
 * the schema of its arguments and of its result, who may make it, and the application it acts on.
 */
export type Access = 'public' | 'signed-in' | readonly Role[];

/**
 * The application a call acts on, named by one of its arguments (the application's id, or a document's
 * or decision's id that leads to it), and whether the call reads or changes it. The router resolves it
 * and checks ownership (domain/applications/ownership) beside the role, before any handler runs.
 */
export interface Target {
  kind: 'application' | 'document' | 'decision';
  arg: string;
  use: Use;
}

export interface CallSpec<A extends z.ZodType, R extends z.ZodType> {
  args: A;
  result: R;
  access: Access;
  target?: Target;
}
export const application = (arg: 'id' | 'applicationId', use: Use): Target => ({ kind: 'application', arg, use });
export function call<A extends z.ZodType, R extends z.ZodType>(spec: CallSpec<A, R>): CallSpec<A, R> {
  return spec;
}

export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;
export const MAX_KEY_FILE_BYTES = 64 * 1024;
const base64Limit = (bytes: number) => Math.ceil(bytes / 3) * 4;
export const Base64 = (maxBytes: number) =>
  z.string().min(1).max(base64Limit(maxBytes)).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

export const Idn = z.string().refine(isValidIdn, { message: 'idn' });
export const Id = z.uuid();
export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });
/** A file's name as the user's system gave it; shown to others, so held to the same rules as names (and never a path). */
export const FileName = DocumentFileName;
export const IsoInstant = z.iso.datetime({ offset: true });
export const IsoDate = z.iso.date();

export const KeyInput = {
  keyFileBase64: Base64(MAX_KEY_FILE_BYTES),
  /** Used for this one operation and dropped: never stored, never logged. */
  keyPassword: z.string().min(1).max(256),
};
/** Which key of a file that holds several (from keys.inspect). */
export const KeyChoice = { keyIndex: z.number().int().min(0).max(31).optional() };
/** What a call that signs takes: the key file, its password (used once, never stored), which key. */
export type KeyArgs = { keyFileBase64: string; keyPassword: string; keyIndex?: number | undefined };
