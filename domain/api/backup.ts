import { z } from 'zod';
import { Line } from './text';
import { call, Empty, IsoInstant } from './call';

/** A passphrase the backup is sealed under: long enough to resist guessing, never stored in the clear. */
export const BackupPassphrase = z.string().min(10).max(256);
/** Where backups go: a folder on another disk, a USB drive (an absolute path). */
export const BackupFolder = Line(1000);

export const BackupProgress = z.object({ phase: z.enum(['database', 'files']), done: z.number().int().nonnegative(), total: z.number().int().nonnegative() });

/** The desk's backups as the administrator sees them: the daily schedule, the last one taken, one under way. */
export const BackupStatus = z.object({
  schedule: z.object({ folder: z.string(), hour: z.number().int().min(0).max(23) }).nullable(),
  last: z
    .object({
      at: IsoInstant,
      folder: z.string(),
      ok: z.boolean(),
      files: z.number().int().nonnegative(),
      newFiles: z.number().int().nonnegative(),
      /** Why it failed (a code the screen explains), when it did. */
      problem: z.string().nullable(),
    })
    .nullable(),
  running: BackupProgress.nullable(),
});
export type BackupStatus = z.infer<typeof BackupStatus>;

export const backupCalls = {
  'backup.status': call({ args: Empty, result: BackupStatus, access: ['admin'] }),
  /** A backup now, into the folder; the call ends when it is taken (the screen shows progress from backup.status). */
  'backup.run': call({ args: z.object({ folder: BackupFolder, passphrase: BackupPassphrase }).strict(), result: BackupStatus, access: ['admin'] }),
  /** A backup every day at the hour, into the folder (null: none). The passphrase is kept sealed under the desk's key. */
  'backup.setSchedule': call({
    args: z.object({ schedule: z.object({ folder: BackupFolder, hour: z.number().int().min(0).max(23), passphrase: BackupPassphrase }).strict().nullable() }).strict(),
    result: BackupStatus,
    access: ['admin'],
  }),
} as const;
