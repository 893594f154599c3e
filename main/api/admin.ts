import { AppError } from '../../domain/api/errors';
import type { adminCalls } from '../../domain/api/admin';
import { getAuthority } from '../../db/repositories/authority';
import type { CoreContext } from '../context';
import { createUser, users } from '../services/auth';
import { ok, signedIn, type AreaHandlers } from './caller';
import { calendarGaps, importCalendarYear } from '../services/calendar';
import { officeHours, setOfficeHours } from '../services/steps';

export function adminHandlers(ctx: CoreContext): AreaHandlers<typeof adminCalls> {
  return {
    'authority.get': () => {
      const authority = getAuthority(ctx.db);
      if (!authority) throw new AppError('invalid-state', 'authority-not-configured');
      return authority;
    },
    'catalogue.get': () => ctx.catalogue,
    'calendar.get': () => ({ years: ctx.calendar.years(), officeHours: officeHours(ctx), gaps: calendarGaps(ctx) }),
    'calendar.importYear': (a, c) => importCalendarYear(ctx, a.year, signedIn(c).id),
    'calendar.setOfficeHours': (a, c) => {
      setOfficeHours(ctx, a.hours, signedIn(c).id);
      return ok;
    },
    'users.list': () => users(ctx),
    'users.create': (a, c) => createUser(ctx, a, signedIn(c).id),
  };
}
