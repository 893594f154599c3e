import { z } from 'zod';
import { Role } from '../applications/status';
import { Line } from './text';
import { call, Empty, Id, Idn, KeyInput, Ok } from './call';

/** Signing in and the first run: who the user is, the authority the office serves, the first administrator. */
export const User = z.object({
  id: Id,
  username: z.string(),
  fullName: z.string(),
  iin: z.string().nullable(),
  roles: z.array(Role),
  /** The office's other desk where this person works (they sign in there); null: this desk's own user. */
  desk: z.string().nullable(),
});
export type User = z.infer<typeof User>;

export const Username = z.string().trim().min(3).max(64).regex(/^[a-z0-9._-]+$/);
export const Password = z.string().min(8).max(256);

export const Authority = z.object({
  nameKk: Line(300),
  nameRu: Line(300),
  bin: Idn,
  placeKk: Line(200),
  placeRu: Line(200),
  officeCode: z.string().regex(/^[A-Z0-9]{2,8}$/),
});
export type Authority = z.infer<typeof Authority>;

export const NewAdmin = z
  .object({ username: Username, fullName: Line(200), iin: Idn.nullable(), password: Password })
  .strict();

export const authCalls = {
  'setup.status': call({ args: Empty, result: z.object({ needsSetup: z.boolean() }), access: 'public' }),
  /** First run only: the authority itself and the first administrator; refused once any user exists. */
  'setup.initialize': call({
    args: z.object({ authority: Authority.strict(), admin: NewAdmin }).strict(),
    result: User,
    access: 'public',
  }),
  'auth.login': call({
    args: z.object({ username: Line(64), password: z.string().min(1).max(256) }).strict(),
    result: z.object({ sessionToken: z.string(), user: User }),
    access: 'public',
  }),
  /** The NCA authentication key (AUTH_RSA256_*.p12) instead of the password; it names the user by IIN. */
  'auth.loginWithKey': call({
    args: z.object(KeyInput).strict(),
    result: z.object({ sessionToken: z.string(), user: User }),
    access: 'public',
  }),
  'auth.logout': call({ args: Empty, result: Ok, access: 'signed-in' }),
  'auth.me': call({ args: Empty, result: User, access: 'signed-in' }),
} as const;
