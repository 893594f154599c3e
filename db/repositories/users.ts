import type { Role } from '../../domain/applications/status';
import type { Db } from '../db';

export interface UserRecord {
  id: string;
  username: string;
  fullName: string;
  iin: string | null;
  passwordHash: string;
  failedAttempts: number;
  lockedUntil: string | null;
  disabled: boolean;
  roles: Role[];
}

interface UserRow {
  id: string;
  username: string;
  full_name: string;
  iin: string | null;
  password_hash: string;
  failed_attempts: number;
  locked_until: string | null;
  disabled: number;
}

function rolesOf(db: Db, userId: string): Role[] {
  return (db.prepare('SELECT role FROM user_roles WHERE user_id = ? ORDER BY role').all(userId) as { role: Role }[]).map(
    (r) => r.role,
  );
}

function toRecord(db: Db, row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    iin: row.iin,
    passwordHash: row.password_hash,
    failedAttempts: row.failed_attempts,
    lockedUntil: row.locked_until,
    disabled: row.disabled === 1,
    roles: rolesOf(db, row.id),
  };
}

export function findUserByName(db: Db, username: string): UserRecord | null {
  const row = db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  return row ? toRecord(db, row) : null;
}

export function findUserById(db: Db, id: string): UserRecord | null {
  const row = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return row ? toRecord(db, row) : null;
}

export function listUsers(db: Db): UserRecord[] {
  return (db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map((r) => toRecord(db, r));
}

export function countUsers(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

export function insertUser(db: Db, user: Omit<UserRecord, 'failedAttempts' | 'lockedUntil' | 'disabled'>, createdAt: string): void {
  db.prepare(
    'INSERT INTO users (id, username, full_name, iin, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(user.id, user.username, user.fullName, user.iin, user.passwordHash, createdAt);
  const addRole = db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)');
  for (const role of new Set(user.roles)) addRole.run(user.id, role);
}

export function recordLoginFailure(db: Db, id: string, failedAttempts: number, lockedUntil: string | null): void {
  db.prepare('UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?').run(failedAttempts, lockedUntil, id);
}

export function recordLoginSuccess(db: Db, id: string): void {
  db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(id);
}


/** Users with this IIN (an authentication key logs in the one user it names). */
export function findUsersByIin(db: Db, iin: string): UserRecord[] {
  return (db.prepare('SELECT * FROM users WHERE iin = ?').all(iin) as UserRow[]).map((r) => toRecord(db, r));
}

/** Who "created" an application registered at another desk: a user that cannot sign in, made once. */
export const OTHER_DESK_USER_ID = '00000000-0000-7000-8000-00000000d35c';

export function ensureOtherDeskUser(db: Db, at: string): string {
  db.prepare(
    "INSERT INTO users (id, username, full_name, iin, password_hash, disabled, created_at) VALUES (?, 'other-desk', 'Басқа жұмыс орны / Другое рабочее место', NULL, '!', 1, ?) ON CONFLICT (id) DO NOTHING",
  ).run(OTHER_DESK_USER_ID, at);
  return OTHER_DESK_USER_ID;
}
