import { AppError } from '../../domain/api/errors';
import type { Authority, User } from '../../domain/api/contract';
import { newId } from '../../db/ids';
import { saveAuthority } from '../../db/repositories/authority';
import { appendEvent } from '../../db/repositories/events';
import { countUsers, findUserById, insertUser } from '../../db/repositories/users';
import { hashPassword } from '../auth/password';
import { toUserView } from './auth';
import { inTransaction, type CoreContext } from '../context';

export interface FirstAdmin {
  username: string;
  fullName: string;
  iin: string | null;
  password: string;
}

/** First run: the authority (the licensor on every licence) and the first administrator, together or not at all. */
export async function initialize(ctx: CoreContext, authority: Authority, admin: FirstAdmin): Promise<User> {
  if (countUsers(ctx.db) > 0) throw new AppError('invalid-state', 'already-initialized');
  const passwordHash = await hashPassword(admin.password);
  const id = newId();
  const at = ctx.now().toISOString();
  inTransaction(ctx, () => {
    if (countUsers(ctx.db) > 0) throw new AppError('invalid-state', 'already-initialized');
    saveAuthority(ctx.db, authority);
    insertUser(ctx.db, { id, username: admin.username.toLowerCase(), fullName: admin.fullName, iin: admin.iin, roles: ['admin'], passwordHash }, at);
    appendEvent(ctx.db, { at, actorId: id, entity: 'authority', entityId: authority.bin, type: 'authority.configured', payload: { ...authority } });
    appendEvent(ctx.db, { at, actorId: id, entity: 'user', entityId: id, type: 'user.created', payload: { username: admin.username, roles: ['admin'] } });
  });
  return toUserView(findUserById(ctx.db, id)!);
}
