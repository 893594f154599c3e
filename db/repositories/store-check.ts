import type { Db } from '../db';
import type { DecisionRecord } from './decisions';
import { OTHER_DESK_USER_ID } from './users';

/** Reads for `ajo db check`: what refers to stored files, decisions with their application's status, CRLs with their entries. */
export interface FileReference {
  /** What the file is, as a person would look for it. */
  what: string;
  sha256: string;
  /** A document of an application another desk registered: fetched from the registry when it is first opened here. */
  fromRegistry: number;
}

export function storedFileReferences(db: Db): FileReference[] {
  return db
    .prepare(
      `SELECT 'document ' || d.file_name || ' (' || coalesce(a.journal_number, a.id) || ')' AS what, d.sha256, a.created_by = @otherDesk AS fromRegistry
         FROM documents d JOIN applications a ON a.id = d.application_id
       UNION ALL SELECT 'decision ' || number, pdf_sha256, 0 FROM decisions
       UNION ALL SELECT 'signed intake form ' || coalesce(journal_number, id), form_cms_sha256, created_by = @otherDesk FROM applications WHERE form_cms_sha256 IS NOT NULL
       UNION ALL SELECT 'tray page ' || device || ' ' || scanned_at, sha256, 0 FROM capture_pages
       UNION ALL SELECT 'tray page as scanned ' || device || ' ' || scanned_at, original_sha256, 0 FROM capture_pages WHERE original_sha256 IS NOT NULL`,
    )
    .all({ otherDesk: OTHER_DESK_USER_ID }) as FileReference[];
}

/** Applications that are decided, or that have a decision: the two must agree. */
export function decidedApplications(db: Db): { id: string; journalNumber: string | null; status: string; decisionId: string | null; decisionKind: string | null }[] {
  return db
    .prepare(
      `SELECT a.id, a.journal_number AS journalNumber, a.status, d.id AS decisionId, d.kind AS decisionKind
       FROM applications a LEFT JOIN decisions d ON d.application_id = a.id
       WHERE a.status IN ('issued', 'refused') OR d.id IS NOT NULL`,
    )
    .all() as { id: string; journalNumber: string | null; status: string; decisionId: string | null; decisionKind: string | null }[];
}

export function allDecisionIds(db: Db): Pick<DecisionRecord, 'id'>[] {
  return db.prepare('SELECT id FROM decisions ORDER BY number').all() as Pick<DecisionRecord, 'id'>[];
}

export function storedCrls(db: Db): { id: number; der: Buffer; entries: { serialHex: string; revokedAt: string }[] }[] {
  const crls = db.prepare('SELECT id, der FROM crls ORDER BY id').all() as { id: number; der: Buffer }[];
  const entries = db.prepare('SELECT serial_hex AS serialHex, revoked_at AS revokedAt FROM crl_entries WHERE crl_id = ? ORDER BY serial_hex');
  return crls.map((crl) => ({ ...crl, entries: entries.all(crl.id) as { serialHex: string; revokedAt: string }[] }));
}
