import { parseArgs } from 'node:util';
import { BackupError, backupDesk, restoreDesk, type BackupProgress } from '../services/backup';
import { promptSecret } from './prompt';
import { dataDirOf, openCoreFor, UsageError, type CliIo } from './common';

async function passphraseOf(io: CliIo): Promise<string> {
  return io.env.AJO_BACKUP_PASSPHRASE ?? (await promptSecret('Сақтық көшірме құпия сөзі / Пароль резервной копии: ')) ?? '';
}

/** Progress on stderr, a line each tenth of the way (stdout keeps the one JSON report). */
function progressPrinter(io: CliIo) {
  let shown = '';
  return ({ phase, done, total }: BackupProgress) => {
    const step = `${phase} ${Math.floor((done / Math.max(total, 1)) * 10) * 10}%`;
    if (step !== shown) io.err((shown = step));
  };
}

function refused(error: unknown, io: CliIo): number {
  if (!(error instanceof BackupError)) throw error;
  io.err(`ajo: ${error.message}`);
  for (const problem of error.problems.slice(0, 20)) io.err(`  ${problem}`);
  return 1;
}

/** `ajo backup --to DIR`: the desk's database and files, sealed under the administrator's passphrase; again to the same folder, only what is new. */
export async function backupCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' }, to: { type: 'string' } } });
  if (!values.to) throw new UsageError('backup needs --to DIR (a folder on another disk, a USB drive)');
  const dataDir = dataDirOf(values, io.env);
  const passphrase = await passphraseOf(io);
  const core = openCoreFor(dataDir);
  try {
    const report = await backupDesk({ db: core.ctx.db, dataDir, now: core.ctx.now, secrets: core.ctx.secrets }, values.to, passphrase, progressPrinter(io));
    io.out(JSON.stringify({ backedUp: true, to: values.to, ...report }));
    return 0;
  } catch (error) {
    return refused(error, io);
  } finally {
    await core.close();
  }
}

/** `ajo restore FROM`: into an empty data folder, checked (db check, audit verify) before use; its numbers blocks closed. */
export async function restoreCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { 'data-dir': { type: 'string' } }, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('restore needs the backup folder');
  const dataDir = dataDirOf(values, io.env);
  try {
    const report = await restoreDesk(positionals[0]!, dataDir, await passphraseOf(io), progressPrinter(io));
    io.out(JSON.stringify({ restored: true, dataDir, ...report, next: 'ajo sync: should the registry answer that the desk has diverged, enrol it again with a new code' }));
    return 0;
  } catch (error) {
    return refused(error, io);
  }
}
