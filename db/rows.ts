/**
 * A row as SQLite gives it (snake_case columns) as the record type its repository declares (camelCase
 * fields of the same names). The one place rows become records: each repository names its type, and
 * its columns are named after its fields.
 */
export function recordOf<T>(row: Record<string, unknown>): T {
  const record: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) record[column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase())] = value;
  return record as T;
}
