import type { Migration } from './migration';

/**
 * The files a hot folder held when its clerk chose it (name → size:mtime), which the watcher leaves
 * alone: it takes only what arrives afterwards.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'hot-folder-baseline',
  sql: `ALTER TABLE hot_folders ADD COLUMN existing_json TEXT NOT NULL DEFAULT '{}';`,
};
