import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { draftYear } from '../../domain/calendar/holidays';
import { CalendarYear } from '../../domain/calendar/working-days';
import { loadCalendar } from '../catalogue/load';
import { importCalendarYear } from '../services/calendar';
import { databasePath } from '../storage';
import { dataDirOf, openCoreFor, parseOr, UsageError, type CliIo } from './common';

function yearOf(positional: string | undefined, command: string): number {
  const year = Number(positional);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError(`calendar ${command} needs a year, such as 2027`);
  return year;
}

/** The year as the desk counts working days: an administrator checks it against the Government's decree. */
export async function calendarShow(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { 'data-dir': { type: 'string' }, 'working-weekends': { type: 'boolean' } }, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('calendar show needs a year, such as 2027');
  const year = yearOf(positionals[0], 'show');
  const dataDir = dataDirOf(values, io.env);
  // A desk's own database holds what the registry published; without one, the calendar shipped with the app.
  const core = existsSync(databasePath(dataDir)) ? openCoreFor(dataDir) : null;
  try {
    const calendar = core?.ctx.calendar ?? loadCalendar();
    if (!calendar.hasYear(year)) {
      io.err(`ajo: ${year} is not in the working calendar: deadlines in it cannot be counted until it is imported (ajo calendar import), published (ajo registry calendar publish) or shipped`);
      return 1;
    }
    if (calendar.provisionalYears([year]).length > 0) io.err(`ajo: ${year} is drawn up by the law before its decree: check it, and import the decreed year`);
    for (const date of calendar.exceptions(year, values['working-weekends'] ? 'working-weekends' : 'weekdays-off')) io.out(date);
    return 0;
  } finally {
    await core?.close();
  }
}

/** A year as the decree sets it, checked like one the registry sends; this desk's open deadlines are recounted by it. */
export async function calendarImport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { 'data-dir': { type: 'string' } }, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('calendar import needs one JSON file');
  const dataDir = dataDirOf(values, io.env);
  if (!existsSync(databasePath(dataDir))) throw new UsageError(`no database at ${databasePath(dataDir)}: run ajo init first`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(positionals[0]!, 'utf8'));
  } catch (error) {
    throw new UsageError(`${positionals[0]}: not a JSON file (${error instanceof Error ? error.message : String(error)})`);
  }
  const year = parseOr(CalendarYear, raw, positionals[0]!);
  const core = openCoreFor(dataDir);
  try {
    const { recounted } = importCalendarYear(core.ctx, year, null);
    io.out(`${year.year}: ${year.daysOff.length} weekdays off, ${year.workingWeekends.length} working weekend days${year.provisional ? ' (provisional)' : ''}; ${recounted} open deadlines recounted`);
    return 0;
  } finally {
    await core.close();
  }
}

/** The year by the law's rules, for an administrator to complete from the decree (moved days, working Saturdays). */
export function calendarDraft(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args, options: { 'kurban-ait': { type: 'string' } }, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('calendar draft needs a year, such as 2028');
  const year = yearOf(positionals[0], 'draft');
  const kurbanAit = values['kurban-ait'] ?? null;
  if (kurbanAit !== null && !/^\d{4}-\d{2}-\d{2}$/.test(kurbanAit)) throw new UsageError('--kurban-ait takes an ISO date, such as 2028-05-05');
  if (kurbanAit === null) io.err('ajo: no --kurban-ait: the first day of Kurban Ait (announced by the Spiritual Administration) is not in the draft');
  try {
    io.out(JSON.stringify(draftYear(year, kurbanAit), null, 2));
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  return 0;
}
