import type Database from 'better-sqlite3';
import { rowsOf } from '../audit/changes';
import { entryHash, GENESIS, type AuditEntry, type Write } from '../audit/hashes';
import { AUDITED_TABLES } from '../audit/tables';
import { newId } from '../ids';
import type { Migration } from './migration';

/**
 * The audit trail becomes a hash chain (db/audit). The entries already there are chained in the order
 * they were written, and a baseline entry vouches for every audited row as it stands at the upgrade:
 * from here on, any change to an entry or a row that no entry accounts for is found.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'audit-chain',
  sql: `
    ALTER TABLE events ADD COLUMN seq INTEGER;
    ALTER TABLE events ADD COLUMN prev_hash TEXT;
    ALTER TABLE events ADD COLUMN hash TEXT;
    ALTER TABLE events ADD COLUMN writes TEXT NOT NULL DEFAULT '[]';
  `,
  up(db: Database.Database) {
    type Row = { rowid: number; id: string; at: string; actor_id: string | null; entity: string; entity_id: string; type: string; payload: string };
    const update = db.prepare('UPDATE events SET seq = ?, prev_hash = ?, hash = ? WHERE rowid = ?');
    let previous = GENESIS;
    let seq = 0;
    const chain = (row: Omit<Row, 'rowid'>, writes: Write[]): AuditEntry => ({
      seq: ++seq,
      prevHash: previous,
      id: row.id,
      at: row.at,
      actorId: row.actor_id,
      entity: row.entity,
      entityId: row.entity_id,
      type: row.type,
      payload: row.payload,
      writes,
    });
    for (const row of db.prepare('SELECT rowid, id, at, actor_id, entity, entity_id, type, payload FROM events ORDER BY rowid').all() as Row[]) {
      const entry = chain(row, []);
      previous = entryHash(entry);
      update.run(entry.seq, entry.prevHash, previous, row.rowid);
    }
    const writes = Object.keys(AUDITED_TABLES).flatMap((table) => rowsOf(db, table).map(({ key, hash }): Write => [table, key, hash]));
    const baseline = chain({ id: newId(), at: new Date().toISOString(), actor_id: null, entity: 'authority', entity_id: 'audit', type: 'audit.baseline', payload: '{}' }, writes);
    db.prepare(
      `INSERT INTO events (id, at, actor_id, entity, entity_id, type, payload, seq, prev_hash, hash, writes)
       VALUES (@id, @at, @actorId, @entity, @entityId, @type, @payload, @seq, @prevHash, @hash, @writes)`,
    ).run({ ...baseline, hash: entryHash(baseline), writes: JSON.stringify(writes) });
    db.exec('CREATE UNIQUE INDEX events_seq ON events(seq)');
  },
};
