import type { backupCalls } from '../../domain/api/backup';
import type { Backups } from '../services/backups';
import { signedIn, type AreaHandlers } from './caller';

/** The administrator's backups: their state, one now, the daily schedule. */
export function backupHandlers(backups: Backups): AreaHandlers<typeof backupCalls> {
  return {
    'backup.status': () => backups.status(),
    'backup.run': (a, c) => backups.run(a.folder, a.passphrase, signedIn(c).id),
    'backup.setSchedule': (a, c) => backups.setSchedule(a.schedule, signedIn(c).id),
  };
}
