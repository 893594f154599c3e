import type { DeskUser } from '../../domain/sync/protocol';
import type { Db } from '../db';
import { OTHER_DESK_USER_ID } from './users';

/** This desk's own users, as the registry is told of them (whoever is in the office directory came from elsewhere). */
export function ownUsers(db: Db): DeskUser[] {
  const rows = db
    .prepare(
      `SELECT u.id, u.username, u.full_name, u.disabled, (SELECT json_group_array(role) FROM (SELECT role FROM user_roles WHERE user_id = u.id ORDER BY role)) AS roles
       FROM users u WHERE u.id <> ? AND NOT EXISTS (SELECT 1 FROM office_directory d WHERE d.user_id = u.id) ORDER BY u.id`,
    )
    .all(OTHER_DESK_USER_ID) as { id: string; username: string; full_name: string; disabled: number; roles: string }[];
  return rows.map((r) => ({ id: r.id, username: r.username, fullName: r.full_name, roles: JSON.parse(r.roles) as DeskUser['roles'], active: r.disabled === 0 }));
}

export function isOwnUser(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM users WHERE id = ? AND NOT EXISTS (SELECT 1 FROM office_directory WHERE user_id = ?)').get(id, id) !== undefined;
}

/**
 * Someone of another desk, as the registry relayed them: a user that cannot sign in here (no password,
 * disabled; a username of its own here, since each desk names its people as it likes), roles as there.
 */
export function putDirectoryUser(db: Db, user: DeskUser, desk: { clientId: string; name: string }, at: string): void {
  db.prepare(
    `INSERT INTO users (id, username, full_name, iin, password_hash, disabled, created_at) VALUES (?, ?, ?, NULL, '!', 1, ?)
     ON CONFLICT (id) DO UPDATE SET full_name = excluded.full_name`,
  ).run(user.id, `${user.username}@${desk.clientId}`, user.fullName, at);
  db.prepare('DELETE FROM user_roles WHERE user_id = ?').run(user.id);
  const addRole = db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)');
  for (const role of new Set(user.roles)) addRole.run(user.id, role);
  db.prepare(
    `INSERT INTO office_directory (user_id, username, desk_client_id, desk_name, active, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET username = excluded.username, desk_name = excluded.desk_name, active = excluded.active, updated_at = excluded.updated_at`,
  ).run(user.id, user.username, desk.clientId, desk.name, user.active ? 1 : 0, at);
}

export interface DirectoryEntry {
  username: string;
  deskName: string;
  active: boolean;
}

/** Where each user of other desks sits, by user id. */
export function directoryEntries(db: Db): Map<string, DirectoryEntry> {
  const rows = db.prepare('SELECT user_id, username, desk_name, active FROM office_directory').all() as { user_id: string; username: string; desk_name: string; active: number }[];
  return new Map(rows.map((r) => [r.user_id, { username: r.username, deskName: r.desk_name, active: r.active === 1 }]));
}

export function directoryEntry(db: Db, userId: string): DirectoryEntry | null {
  const row = db.prepare('SELECT username, desk_name, active FROM office_directory WHERE user_id = ?').get(userId) as { username: string; desk_name: string; active: number } | undefined;
  return row ? { username: row.username, deskName: row.desk_name, active: row.active === 1 } : null;
}
