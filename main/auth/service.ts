import { AppError } from '../../domain/api/errors';
import type { Role } from '../../domain/applications/status';
import type { User } from '../../domain/api/contract';
import { newId } from '../../db/ids';
import { appendEvent } from '../../db/repositories/events';
import {
  countUsers,
  findUserById,
  findUserByName,
  insertUser,
  listUsers,
  recordLoginFailure,
  recordLoginSuccess,
  type UserRecord,
} from '../../db/repositories/users';
import { inTransaction, type CoreContext } from '../context';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

export function toUserView(u: UserRecord): User {
  return { id: u.id, username: u.username, fullName: u.fullName, iin: u.iin, roles: u.roles };
}

export async function login(ctx: CoreContext, username: string, password: string) {
  const user = findUserByName(ctx.db, username.toLowerCase());
  if (!user || user.disabled) {
    await verifyPassword(password, await dummyPasswordHash());
    throw new AppError('bad-credentials');
  }
  const now = ctx.now();
  if (user.lockedUntil && new Date(user.lockedUntil) > now) {
    throw new AppError('account-locked', undefined, { until: user.lockedUntil });
  }
  const ok = await verifyPassword(password, user.passwordHash);
  const at = now.toISOString();
  if (!ok) {
    // A lock that has run out starts a fresh count.
    const previous = user.lockedUntil ? 0 : user.failedAttempts;
    const failures = previous + 1;
    const locks = failures >= MAX_FAILED_LOGINS;
    const lockedUntil = locks ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : null;
    inTransaction(ctx, () => {
      recordLoginFailure(ctx.db, user.id, locks ? 0 : failures, lockedUntil);
      appendEvent(ctx.db, { at, actorId: null, entity: 'user', entityId: user.id, type: locks ? 'user.locked' : 'user.login-failed', payload: { failures } });
    });
    if (locks) throw new AppError('account-locked', undefined, { until: lockedUntil! });
    throw new AppError('bad-credentials', undefined, { attemptsLeft: MAX_FAILED_LOGINS - failures });
  }
  inTransaction(ctx, () => {
    recordLoginSuccess(ctx.db, user.id);
    appendEvent(ctx.db, { at, actorId: user.id, entity: 'user', entityId: user.id, type: 'user.login' });
  });
  const session = ctx.sessions.create(user.id);
  return { sessionToken: session.token, user: toUserView(user) };
}

export interface NewUser {
  username: string;
  fullName: string;
  iin: string | null;
  roles: Role[];
  password: string;
}

export async function createUser(ctx: CoreContext, input: NewUser, actorId: string | null): Promise<User> {
  const username = input.username.toLowerCase();
  if (findUserByName(ctx.db, username)) throw new AppError('conflict', 'username-taken');
  const passwordHash = await hashPassword(input.password);
  const id = newId();
  inTransaction(ctx, () => {
    if (findUserByName(ctx.db, username)) throw new AppError('conflict', 'username-taken');
    insertUser(ctx.db, { id, username, fullName: input.fullName, iin: input.iin, roles: input.roles, passwordHash }, ctx.now().toISOString());
    appendEvent(ctx.db, {
      at: ctx.now().toISOString(),
      actorId,
      entity: 'user',
      entityId: id,
      type: 'user.created',
      payload: { username, roles: input.roles },
    });
  });
  return toUserView(findUserById(ctx.db, id)!);
}

export function users(ctx: CoreContext): User[] {
  return listUsers(ctx.db).map(toUserView);
}

export function hasUsers(ctx: CoreContext): boolean {
  return countUsers(ctx.db) > 0;
}
