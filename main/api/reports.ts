import type { reportCalls } from '../../domain/api/reports';
import type { CoreContext } from '../context';
import { report } from '../services/reports';
import type { AreaHandlers } from './caller';

export function reportHandlers(ctx: CoreContext): AreaHandlers<typeof reportCalls> {
  return {
    'reports.get': (a) => report(ctx, a),
  };
}
