import type Database from 'better-sqlite3';
import type { Db } from './db';

/** Column names as field names, worked out once per name (a journal page maps thousands of them). */
const fieldNames = new Map<string, string>();
function fieldOf(column: string): string {
  let field = fieldNames.get(column);
  if (field === undefined) {
    field = column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
    fieldNames.set(column, field);
  }
  return field;
}

/**
 * A row as SQLite gives it (snake_case columns) as the record type its repository declares (camelCase
 * fields of the same names). The one place rows become records: each repository names its type, and
 * its columns are named after its fields.
 */
export function recordOf<T>(row: Record<string, unknown>): T {
  const record: Record<string, unknown> = {};
  for (const column in row) record[fieldOf(column)] = row[column];
  return record as T;
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A statement prepared once per connection and kept: SQL a repository builds from a filter (the
 * journal's) comes in a handful of shapes, and preparing a query with joins costs more than running it.
 */
export function preparedOnce(db: Db, sql: string): Database.Statement {
  let byText = statements.get(db);
  if (!byText) statements.set(db, (byText = new Map()));
  let statement = byText.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    byText.set(sql, statement);
  }
  return statement;
}
