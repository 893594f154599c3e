import type { auditCalls } from '../../domain/api/audit';
import type { CoreContext } from '../context';
import { auditChain, auditEntries } from '../services/audit';
import type { AreaHandlers } from './caller';

export function auditHandlers(ctx: CoreContext): AreaHandlers<typeof auditCalls> {
  return {
    'audit.list': (a) => ({ entries: auditEntries(ctx, a) }),
    'audit.chain': () => auditChain(ctx),
  };
}
