import { z } from 'zod';
import { Catalogue } from '../catalogue/catalogue';
import { Role } from '../applications/status';
import { Line } from './text';
import { Authority, Password, User, Username } from './auth';
import { call, Empty, Idn, Ok } from './call';
import { CalendarYear } from '../calendar/working-days';
import { OfficeHours } from '../calendar/working-time';

/** Years the deadlines may run into that the calendar lacks, or has only as drawn up before the decree. */
export const CalendarGaps = z.object({ missingYears: z.array(z.number().int()), provisionalYears: z.array(z.number().int()) });
export type CalendarGaps = z.infer<typeof CalendarGaps>;

/** The office itself: its authority, the catalogue of services, its working time, and its users. */
export const adminCalls = {
  'authority.get': call({ args: Empty, result: Authority, access: 'signed-in' }),
  'catalogue.get': call({ args: Empty, result: Catalogue, access: 'signed-in' }),
  'calendar.get': call({
    args: Empty,
    result: z.object({ years: z.array(CalendarYear), officeHours: OfficeHours, gaps: CalendarGaps }),
    access: 'signed-in',
  }),
  /** A year as the decree sets it (a JSON file), in place of the one the desk has. */
  'calendar.importYear': call({ args: z.object({ year: CalendarYear }).strict(), result: z.object({ recounted: z.number().int() }), access: ['admin'] }),
  'calendar.setOfficeHours': call({ args: z.object({ hours: OfficeHours }).strict(), result: Ok, access: ['admin'] }),
  'users.list': call({ args: Empty, result: z.array(User), access: ['admin', 'head'] }),
  'users.create': call({
    args: z
      .object({
        username: Username,
        fullName: Line(200),
        iin: Idn.nullable(),
        roles: z.array(Role).min(1),
        password: Password,
      })
      .strict(),
    result: User,
    access: ['admin'],
  }),
} as const;
