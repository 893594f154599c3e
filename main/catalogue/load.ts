import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Catalogue } from '../../domain/catalogue/catalogue';
import { CalendarYear, WorkingCalendar } from '../../domain/calendar/working-days';
import { assetsDir } from '../paths';

export function loadCatalogue(dir = assetsDir()): Catalogue {
  const raw = JSON.parse(readFileSync(join(dir, 'catalogue', 'catalogue.json'), 'utf8'));
  return Catalogue.parse(raw);
}

export function loadCalendar(dir = assetsDir()): WorkingCalendar {
  const calendarDir = join(dir, 'calendar');
  const years = readdirSync(calendarDir)
    .filter((f) => /^kz-\d{4}\.json$/.test(f))
    .map((f) => CalendarYear.parse(JSON.parse(readFileSync(join(calendarDir, f), 'utf8'))));
  return new WorkingCalendar(years);
}
