import type Database from 'better-sqlite3';
import { rowsOf } from '../audit/changes';
import { entryOf, insertEntry, type StoredEntry } from '../audit/entries';
import { entryHash, GENESIS, type Write } from '../audit/hashes';
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
    type Row = Omit<StoredEntry, 'seq' | 'prev_hash'> & { rowid: number };
    const update = db.prepare('UPDATE events SET seq = ?, prev_hash = ?, hash = ? WHERE rowid = ?');
    let previous = GENESIS;
    let seq = 0;
    for (const row of db.prepare('SELECT rowid, id, at, actor_id, entity, entity_id, type, payload FROM events ORDER BY rowid').all() as Row[]) {
      const entry = entryOf({ ...row, seq: ++seq, prev_hash: previous }, []);
      previous = entryHash(entry);
      update.run(entry.seq, entry.prevHash, previous, row.rowid);
    }
    // Tables audited since, created by later migrations, are not there yet (and start empty).
    const present = (table: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
    const writes = Object.keys(AUDITED_TABLES).filter(present).flatMap((table) => rowsOf(db, table).map(({ key, hash }): Write => [table, key, hash]));
    const baseline = { seq: ++seq, prev_hash: previous, id: newId(), at: new Date().toISOString(), actor_id: null, entity: 'authority', entity_id: 'audit', type: 'audit.baseline', payload: '{}' };
    insertEntry(db, entryOf(baseline, writes));
    db.exec('CREATE UNIQUE INDEX events_seq ON events(seq)');
  },
};
