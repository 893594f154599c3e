import type { Migration } from './migration';

/**
 * A tray page that was turned, cropped or straightened keeps the image it was scanned as, so the clerk
 * can go back to it ("the original") until the page leaves the tray.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'tray-page-originals',
  sql: `
    ALTER TABLE capture_pages ADD COLUMN original_sha256 TEXT;
  `,
};
