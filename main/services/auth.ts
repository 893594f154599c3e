import { AppError } from '../../domain/api/errors';
import type { Role } from '../../domain/applications/status';
import type { User } from '../../domain/api/contract';
import { newId } from '../../db/ids';
import { directoryEntries } from '../../db/repositories/office-directory';
import { appendEvent } from '../../db/repositories/events';
import {
  countUsers,
  findUsersByIin,
  findUserById,
  findUserByName,
  insertUser,
  listUsers,
  recordLoginFailure,
  recordLoginSuccess,
  type UserRecord,
} from '../../db/repositories/users';
import { inTransaction, type CoreContext } from '../context';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/password';
import { KeyFileError, openKeyFile } from '../../pki/certificates/key-file';
import { trustedPath } from '../../pki/certificates/checks';
import { trustedDers } from './trust';
import { refreshRevocation } from './online-pki';
import { staleRule } from './pki-settings';
import { revocationLookup } from './revocation';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

export function toUserView(u: UserRecord): User {
  return { id: u.id, username: u.username, fullName: u.fullName, iin: u.iin, roles: u.roles, desk: null };
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

/** This desk's users, and the office's people at its other desks who are still active there (with where they sit). */
export function users(ctx: CoreContext): User[] {
  const elsewhere = directoryEntries(ctx.db);
  return listUsers(ctx.db).flatMap((u) => {
    const entry = elsewhere.get(u.id);
    if (!entry) return [toUserView(u)];
    return entry.active ? [{ ...toUserView(u), username: entry.username, desk: entry.deskName }] : [];
  });
}

export function hasUsers(ctx: CoreContext): boolean {
  return countUsers(ctx.db) > 0;
}

/**
 * Login with the authentication key: opening the .p12 with its password proves possession; the
 * certificate must be an authentication key, valid now, chained to the trust store and not revoked,
 * and its IIN must name exactly one active user.
 */
export async function loginWithKey(ctx: CoreContext, keyFile: Buffer, password: string) {
  let key;
  try {
    key = openKeyFile(keyFile, password);
  } catch (error) {
    if (error instanceof KeyFileError) throw new AppError('bad-credentials', `key-${error.problem}`);
    throw error;
  }
  const cert = key.certificate;
  const now = ctx.now();
  if (!cert.canAuthenticate) throw new AppError('bad-credentials', 'not-an-authentication-key');
  if (now < cert.notBefore || now > cert.notAfter) throw new AppError('bad-credentials', now < cert.notBefore ? 'not-yet-valid' : 'expired');
  const path = trustedPath(cert.der, key.chain, trustedDers(ctx), now);
  if (!path) throw new AppError('bad-credentials', 'untrusted-chain');
  await refreshRevocation(ctx, cert, path[1]!);
  const revocation = revocationLookup(ctx)(path[0]!, path[1]!, now);
  if (revocation.status === 'revoked') throw new AppError('bad-credentials', 'revoked');
  if ((revocation.status === 'unknown' || revocation.stale) && staleRule(ctx) === 'block') throw new AppError('bad-credentials', 'crl-stale');
  const matches = cert.iin ? findUsersByIin(ctx.db, cert.iin).filter((u) => !u.disabled) : [];
  if (matches.length !== 1) throw new AppError('bad-credentials', 'no-user-with-this-iin');
  const user = matches[0]!;
  if (user.lockedUntil && new Date(user.lockedUntil) > now) throw new AppError('account-locked', undefined, { until: user.lockedUntil });
  inTransaction(ctx, () => {
    recordLoginSuccess(ctx.db, user.id);
    appendEvent(ctx.db, { at: now.toISOString(), actorId: user.id, entity: 'user', entityId: user.id, type: 'user.login', payload: { method: 'key', certificate: cert.sha256 } });
  });
  return { sessionToken: ctx.sessions.create(user.id).token, user: toUserView(user) };
}
