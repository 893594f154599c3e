import type { Migration } from './migration';

/** The QR text printed on each licence and refusal, so a presented document can be checked against it. */
export const migration0004: Migration = {
  version: 4,
  name: 'decision-qr',
  sql: `ALTER TABLE decisions ADD COLUMN qr_payload TEXT NOT NULL DEFAULT '';`,
};
