/**
 * The tables whose rows an audit entry vouches for, each with the columns that name a row. What is left
 * out is derived or transient (OCR text, the capture tray, cached OCSP answers, CRL entries — which
 * `ajo db check` compares with the signed CRL they came from — and the events themselves).
 *
 * A migration that adds a table here, or a column to one, changes the hashes of rows already vouched
 * for: it must end with a baseline entry (see migration 12) so that verification starts from there.
 */
export const AUDITED_TABLES: Readonly<Record<string, readonly string[]>> = {
  authority: ['id'],
  users: ['id'],
  user_roles: ['user_id', 'role'],
  applications: ['id'],
  slot_marks: ['application_id', 'slot_code'],
  documents: ['id'],
  checklist: ['application_id', 'item_code'],
  decisions: ['id'],
  counters: ['name'],
  trusted_certificates: ['sha256'],
  crls: ['id'],
  settings: ['key'],
  network_scanners: ['url'],
  hot_folders: ['user_id'],
  reference_data: ['kind', 'key'],
  office_directory: ['user_id'],
  handouts: ['application_id'],
  consideration_refusals: ['application_id'],
  identity_checks: ['application_id', 'subject'],
};

export type AuditedTable = keyof typeof AUDITED_TABLES;
