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

/** The page an executor pointed a checklist item at (migration 27). */
export interface ChecklistEvidenceRecord {
  itemCode: string;
  documentId: string;
  page: number;
}

export function checklistEvidenceOf(db: Db, applicationId: string): Map<string, ChecklistEvidenceRecord> {
  const rows = db
    .prepare('SELECT item_code AS itemCode, document_id AS documentId, page FROM checklist_evidence WHERE application_id = ?')
    .all(applicationId) as ChecklistEvidenceRecord[];
  return new Map(rows.map((r) => [r.itemCode, r]));
}

export function setChecklistEvidence(db: Db, applicationId: string, evidence: ChecklistEvidenceRecord, setBy: string, setAt: string): void {
  db.prepare(
    `INSERT INTO checklist_evidence (application_id, item_code, document_id, page, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(application_id, item_code) DO UPDATE SET document_id = excluded.document_id, page = excluded.page,
       set_by = excluded.set_by, set_at = excluded.set_at`,
  ).run(applicationId, evidence.itemCode, evidence.documentId, evidence.page, setBy, setAt);
}

export function clearChecklistEvidence(db: Db, applicationId: string, itemCode: string): void {
  db.prepare('DELETE FROM checklist_evidence WHERE application_id = ? AND item_code = ?').run(applicationId, itemCode);
}
