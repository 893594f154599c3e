import type { Db } from '../db';
import { AUDITED_TABLES } from './tables';
import { rowHash, type Write } from './hashes';

/**
 * What an action wrote, as it writes it: temporary triggers on this connection note the key of every
 * audited row inserted, updated or deleted, and the action's audit entry takes them up (with each row's
 * hash afterwards) in the same transaction. Temporary objects belong to this connection alone: an edit
 * made by another program leaves no note, which is exactly what verification looks for.
 */
const keyOf = (alias: 'NEW' | 'OLD', columns: readonly string[]) => `json_array(${columns.map((c) => `${alias}.${c}`).join(', ')})`;

export function installAuditTriggers(db: Db): void {
  // No unique key and no OR IGNORE: a conflict clause in a trigger gives way to the outer statement's
  // (an upsert's would abort), so a key already noted is skipped by the WHERE instead.
  const statements = ['CREATE TEMP TABLE IF NOT EXISTS audit_changes (tbl TEXT NOT NULL, key TEXT NOT NULL)', 'CREATE INDEX IF NOT EXISTS temp.audit_changes_key ON audit_changes (tbl, key)'];
  for (const [table, columns] of Object.entries(AUDITED_TABLES)) {
    const note = (alias: 'NEW' | 'OLD') =>
      `INSERT INTO temp.audit_changes SELECT '${table}', ${keyOf(alias, columns)} WHERE NOT EXISTS (SELECT 1 FROM temp.audit_changes WHERE tbl = '${table}' AND key = ${keyOf(alias, columns)});`;
    statements.push(
      `CREATE TEMP TRIGGER IF NOT EXISTS audit_${table}_insert AFTER INSERT ON main.${table} BEGIN ${note('NEW')} END`,
      `CREATE TEMP TRIGGER IF NOT EXISTS audit_${table}_update AFTER UPDATE ON main.${table} BEGIN ${note('OLD')} ${note('NEW')} END`,
      `CREATE TEMP TRIGGER IF NOT EXISTS audit_${table}_delete AFTER DELETE ON main.${table} BEGIN ${note('OLD')} END`,
    );
  }
  for (const sql of statements) db.exec(sql);
}

/** Forgets notes left by writes outside an action (a test's direct edit), so they are not vouched for. */
export function startAuditedAction(db: Db): void {
  db.exec('DELETE FROM temp.audit_changes');
}

/** Rows written since the action started that no audit entry has taken up yet. */
export function unauditedWrites(db: Db): { tbl: string; key: string }[] {
  return db.prepare('SELECT tbl, key FROM temp.audit_changes ORDER BY tbl, key').all() as { tbl: string; key: string }[];
}

/** The current hash of one audited row, by its key; null when it is not there. */
export function currentRowHash(db: Db, table: string, key: string): string | null {
  const columns = AUDITED_TABLES[table]!;
  const row = db.prepare(`SELECT * FROM main.${table} WHERE ${columns.map((c) => `${c} = ?`).join(' AND ')}`).get(...(JSON.parse(key) as unknown[])) as
    | Record<string, unknown>
    | undefined;
  return row ? rowHash(table, row) : null;
}

/** The notes taken up: each row with its hash now; the notes are cleared. */
export function takeWrites(db: Db): Write[] {
  const writes = unauditedWrites(db).map(({ tbl, key }): Write => [tbl, key, currentRowHash(db, tbl, key)]);
  db.exec('DELETE FROM temp.audit_changes');
  return writes;
}

/** Every row of an audited table, by key, with its hash. */
export function rowsOf(db: Db, table: string): { key: string; hash: string }[] {
  const columns = AUDITED_TABLES[table]!;
  return (db.prepare(`SELECT json_array(${columns.join(', ')}) AS audit_key, * FROM main.${table}`).all() as Record<string, unknown>[]).map((row) => {
    const { audit_key: key, ...fields } = row as { audit_key: string } & Record<string, unknown>;
    return { key, hash: rowHash(table, fields) };
  });
}
