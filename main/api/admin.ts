import { AppError } from '../../domain/api/errors';
import type { adminCalls } from '../../domain/api/admin';
import { getAuthority } from '../../db/repositories/authority';
import type { CoreContext } from '../context';
import { createUser, users } from '../services/auth';
import { signedIn, type AreaHandlers } from './caller';

export function adminHandlers(ctx: CoreContext): AreaHandlers<typeof adminCalls> {
  return {
    'authority.get': () => {
      const authority = getAuthority(ctx.db);
      if (!authority) throw new AppError('invalid-state', 'authority-not-configured');
      return authority;
    },
    'catalogue.get': () => ctx.catalogue,
    'users.list': () => users(ctx),
    'users.create': (a, c) => createUser(ctx, a, signedIn(c).id),
  };
}
