import type { Sealer } from '../../pki/sealing';

/**
 * The registry's one SQL code path: the few calls it makes, which node-postgres (a real PostgreSQL) and
 * PGlite (PostgreSQL in WASM, the embedded default) both answer the same way. Parameters are always
 * bound ($1, $2…): no SQL is built from strings.
 */
export interface Sql {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements with no parameters (a migration). */
  exec(script: string): Promise<void>;
}

/** The database itself (PGlite or PostgreSQL), before the registry adds what it keeps outside it. */
export interface RegistryStore extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Runs work in one transaction: all of it commits, or none. Retried when PostgreSQL asks (serialization, deadlock). */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface RegistryDb extends RegistryStore {
  /** Seals what the registry keeps secret in its database (its CA's private key) under the operator's key. */
  readonly sealer: Sealer;
}

/** PostgreSQL's codes for "try the transaction again": serialization failure, deadlock. */
export const RETRYABLE = new Set(['40001', '40P01']);
export const TRANSACTION_ATTEMPTS = 5;

export function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && RETRYABLE.has(String((error as { code: unknown }).code));
}
