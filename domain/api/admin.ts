import { z } from 'zod';
import { Catalogue } from '../catalogue/catalogue';
import { Role } from '../applications/status';
import { Line } from './text';
import { Authority, Password, User, Username } from './auth';
import { call, Empty, Idn } from './call';

/** The office itself: its authority, the catalogue of services, and its users. */
export const adminCalls = {
  'authority.get': call({ args: Empty, result: Authority, access: 'signed-in' }),
  'catalogue.get': call({ args: Empty, result: Catalogue, access: 'signed-in' }),
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
