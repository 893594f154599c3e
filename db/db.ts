import type Database from 'better-sqlite3';

/** An open workstation database (db/open.ts opens one); what every repository takes. */
export type Db = Database.Database;
