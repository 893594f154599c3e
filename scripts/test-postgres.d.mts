/** scripts/test-postgres.mjs: a throwaway PostgreSQL for tests and benchmarks. */
export function startTestPostgres(): Promise<{ url: string | null; reason: string | null; stop(): void }>;
