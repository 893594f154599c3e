import type { Db } from '../db';

export interface ChecklistRecord {
  itemCode: string;
  met: boolean;
  note: string;
}

export function checklistOf(db: Db, applicationId: string): Map<string, ChecklistRecord> {
  const rows = db.prepare('SELECT item_code, met, note FROM checklist WHERE application_id = ?').all(applicationId) as {
    item_code: string;
    met: number;
    note: string;
  }[];
  return new Map(rows.map((r) => [r.item_code, { itemCode: r.item_code, met: r.met === 1, note: r.note }]));
}

export function setChecklistItem(
  db: Db,
  applicationId: string,
  item: ChecklistRecord,
  decidedBy: string,
  decidedAt: string,
): void {
  db.prepare(
    `INSERT INTO checklist (application_id, item_code, met, note, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(application_id, item_code) DO UPDATE SET met = excluded.met, note = excluded.note,
       decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
  ).run(applicationId, item.itemCode, item.met ? 1 : 0, item.note, decidedBy, decidedAt);
}
