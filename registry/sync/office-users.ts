import type { DeskUser } from '../../domain/sync/protocol';
import type { RegistryDb } from '../db/sql';
import type { Desk } from '../enrolment/enrolment';
import { RegistryRefusal } from '../refusal';
import { holdAuthority } from './change-order';

interface Stored {
  user_id: string;
  client_id: string;
  username: string;
  full_name: string;
  roles: string[];
  active: boolean;
}

const same = (stored: Stored, user: DeskUser) =>
  stored.username === user.username && stored.full_name === user.fullName && stored.active === user.active && JSON.stringify(stored.roles) === JSON.stringify(user.roles);

/**
 * A desk's list of its own users, taken whole: each new or changed one (and each it no longer lists,
 * as inactive) becomes a change its authority's desks pull. A user another desk listed is refused,
 * and nothing is written. Sending the same list again changes nothing.
 */
export async function takeDeskUsers(db: RegistryDb, desk: Desk, users: readonly DeskUser[]): Promise<{ changed: number }> {
  if (new Set(users.map((u) => u.id)).size !== users.length) throw new RegistryRefusal(400, 'duplicate-user');
  return db.transaction(async (tx) => {
    await holdAuthority(tx, desk.authorityBin);
    const ids = users.map((u) => u.id);
    const stored = await tx.query<Stored>('SELECT user_id, client_id, username, full_name, roles, active FROM office_users WHERE client_id = $1 OR user_id = ANY($2) FOR UPDATE', [desk.clientId, ids]);
    if (stored.some((s) => s.client_id !== desk.clientId)) throw new RegistryRefusal(409, 'user-of-another-desk');
    const [{ name } = { name: '' }] = await tx.query<{ name: string }>('SELECT name FROM desks WHERE client_id = $1', [desk.clientId]);
    const byId = new Map(stored.map((s) => [s.user_id, s]));
    const gone = stored.filter((s) => s.active && !ids.includes(s.user_id)).map((s): DeskUser => ({ id: s.user_id, username: s.username, fullName: s.full_name, roles: s.roles as DeskUser['roles'], active: false }));
    const changed = [...users.filter((u) => !byId.has(u.id) || !same(byId.get(u.id)!, u)), ...gone];
    for (const user of changed) {
      await tx.query(
        `INSERT INTO office_users (user_id, client_id, username, full_name, roles, active) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (user_id) DO UPDATE SET username = $3, full_name = $4, roles = $5, active = $6, updated_at = now()`,
        [user.id, desk.clientId, user.username, user.fullName, JSON.stringify(user.roles), user.active],
      );
      await tx.query('INSERT INTO changes (authority_bin, body) VALUES ($1, $2)', [
        desk.authorityBin,
        JSON.stringify({ kind: 'office.user', user, officeCode: desk.officeCode, desk: { clientId: desk.clientId, name } }),
      ]);
    }
    return { changed: changed.length };
  });
}
