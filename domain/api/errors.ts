import { z } from 'zod';

/**
 * Every failure crossing the API is one of these codes. The UI and the CLI turn a code (and its
 * params) into a message in the user's language; the core never sends prose.
 */
export const ERROR_CODES = [
  'invalid-arguments',
  'unknown-call',
  'unauthenticated',
  'session-expired',
  'forbidden',
  'bad-credentials',
  'account-locked',
  'data-unavailable',
  'not-found',
  'invalid-state',
  'invalid-input',
  'documents-missing',
  'checklist-incomplete',
  'signing-refused',
  /** A key file could not be opened (params: reason key-*): said when nothing was about to be signed. */
  'key-unreadable',
  'conflict',
  /** A stored file (params.file) is missing or does not match its checksum. */
  'file-damaged',
  /** The window could not reach this computer's АЖО core (stopped, restarted, or the answer cut off): said by the window itself, never by the core. */
  'core-unreachable',
  /** A fault in the core; params.incident names it in the core's log. */
  'internal',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorPayload = z.object({
  code: ErrorCode,
  /** A finer reason, e.g. which signing check failed or which field was wrong. */
  reason: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason?: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(reason ? `${code}: ${reason}` : code);
    this.name = 'AppError';
  }

  toPayload(): ErrorPayload {
    return { code: this.code, ...(this.reason ? { reason: this.reason } : {}), ...(this.params ? { params: this.params } : {}) };
  }

  static fromPayload(payload: ErrorPayload): AppError {
    return new AppError(payload.code, payload.reason, payload.params);
  }
}
