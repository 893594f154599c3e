import type { authCalls } from '../../domain/api/auth';
import type { CoreContext } from '../context';
import { hasUsers, login, loginWithKey, toUserView } from '../services/auth';
import { initialize } from '../services/setup';
import { fromBase64, ok, signedIn, type AreaHandlers } from './caller';

export function authHandlers(ctx: CoreContext): AreaHandlers<typeof authCalls> {
  return {
    'setup.status': () => ({ needsSetup: !hasUsers(ctx) }),
    'setup.initialize': (a) => initialize(ctx, a.authority, a.admin),
    'auth.login': (a) => login(ctx, a.username, a.password),
    'auth.loginWithKey': (a) => loginWithKey(ctx, fromBase64(a.keyFileBase64), a.keyPassword),
    'auth.logout': (_a, c) => {
      ctx.sessions.end(c!.sessionToken);
      return ok;
    },
    'auth.me': (_a, c) => toUserView(signedIn(c)),
  };
}
