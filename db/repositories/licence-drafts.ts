import type { Db } from '../db';

/** The executor's draft of a licence's variable fields (migration 28). */
export interface LicenceDraftRecord {
  /** Places in the service's list of sub-types, in the application's catalogue version. */
  subtypes: number[];
  productionBase: string;
  specialConditions: string;
  validUntil: string | null;
  savedBy: string;
  savedAt: string;
}

export function licenceDraftOf(db: Db, applicationId: string): LicenceDraftRecord | null {
  const row = db
    .prepare(
      `SELECT subtypes_json AS subtypesJson, production_base AS productionBase, special_conditions AS specialConditions, valid_until AS validUntil, saved_by AS savedBy, saved_at AS savedAt
       FROM licence_drafts WHERE application_id = ?`,
    )
    .get(applicationId) as (Omit<LicenceDraftRecord, 'subtypes'> & { subtypesJson: string }) | undefined;
  if (!row) return null;
  const { subtypesJson, ...rest } = row;
  return { ...rest, subtypes: JSON.parse(subtypesJson) as number[] };
}

export function saveLicenceDraft(db: Db, applicationId: string, draft: LicenceDraftRecord): void {
  db.prepare(
    `INSERT INTO licence_drafts (application_id, subtypes_json, production_base, special_conditions, valid_until, saved_by, saved_at)
     VALUES (@applicationId, @subtypesJson, @productionBase, @specialConditions, @validUntil, @savedBy, @savedAt)
     ON CONFLICT (application_id) DO UPDATE SET subtypes_json = excluded.subtypes_json, production_base = excluded.production_base,
       special_conditions = excluded.special_conditions, valid_until = excluded.valid_until, saved_by = excluded.saved_by, saved_at = excluded.saved_at`,
  ).run({ applicationId, subtypesJson: JSON.stringify(draft.subtypes), productionBase: draft.productionBase, specialConditions: draft.specialConditions, validUntil: draft.validUntil, savedBy: draft.savedBy, savedAt: draft.savedAt });
}

export type PreviewKind = 'licence' | 'refusal' | 'consideration-refusal';

/** The unsigned document the head looked at, and what it was made with (migration 28). */
export interface DecisionPreviewRecord {
  applicationId: string;
  kind: PreviewKind;
  reason: string;
  number: string;
  recordId: string;
  preparedAt: string;
  preparedBy: string;
  signerIin: string;
  qr: string;
  pdfSha256: string;
}

const PREVIEW_COLUMNS = `application_id AS applicationId, kind, reason, number, record_id AS recordId, prepared_at AS preparedAt,
  prepared_by AS preparedBy, signer_iin AS signerIin, qr, pdf_sha256 AS pdfSha256`;

export function decisionPreviewOf(db: Db, applicationId: string): DecisionPreviewRecord | null {
  return (db.prepare(`SELECT ${PREVIEW_COLUMNS} FROM decision_previews WHERE application_id = ?`).get(applicationId) as DecisionPreviewRecord | undefined) ?? null;
}

/** The latest preview replaces any earlier one: only what the head saw last can be signed. */
export function putDecisionPreview(db: Db, preview: DecisionPreviewRecord): void {
  db.prepare('DELETE FROM decision_previews WHERE application_id = ?').run(preview.applicationId);
  db.prepare(
    `INSERT INTO decision_previews (application_id, kind, reason, number, record_id, prepared_at, prepared_by, signer_iin, qr, pdf_sha256)
     VALUES (@applicationId, @kind, @reason, @number, @recordId, @preparedAt, @preparedBy, @signerIin, @qr, @pdfSha256)`,
  ).run(preview);
}

export function deleteDecisionPreview(db: Db, applicationId: string): void {
  db.prepare('DELETE FROM decision_previews WHERE application_id = ?').run(applicationId);
}
