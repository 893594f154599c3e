import type { reportCalls } from '../../domain/api/reports';
import type { CoreContext } from '../context';
import { journalReport } from '../services/reports';
import type { AreaHandlers } from './caller';

export function reportHandlers(ctx: CoreContext): AreaHandlers<typeof reportCalls> {
  return {
    'reports.journal': (a) => journalReport(ctx, a),
  };
}
