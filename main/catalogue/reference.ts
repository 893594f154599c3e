import { CalendarYear, type WorkingCalendar } from '../../domain/calendar/working-days';
import { Catalogue, isLaterCatalogueVersion } from '../../domain/catalogue/catalogue';
import { receivedReference } from '../../db/repositories/reference-data';
import type { Db } from '../../db/db';

export interface Reference {
  catalogue: Catalogue;
  calendar: WorkingCalendar;
}

/**
 * The catalogue and calendar to work by: what the app shipped with, overtaken by what the registry
 * published (the latest catalogue version; each calendar year it sent, in place of the shipped one).
 * Stored rows are validated again on the way in: one that no longer fits is ignored, never guessed at.
 */
export function withReceivedReference(db: Db, shipped: Reference): Reference {
  const catalogues = receivedReference(db, 'catalogue').flatMap((r) => {
    const parsed = Catalogue.safeParse(r.body);
    return parsed.success ? [parsed.data] : [];
  });
  const catalogue = catalogues.reduce((newest, c) => (isLaterCatalogueVersion(c.version, newest.version) ? c : newest), shipped.catalogue);
  const years = receivedReference(db, 'calendar').flatMap((r) => {
    const parsed = CalendarYear.safeParse(r.body);
    return parsed.success ? [parsed.data] : [];
  });
  return { catalogue, calendar: shipped.calendar.withYears(years) };
}
