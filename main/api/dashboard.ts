import type { dashboardCalls } from '../../domain/api/dashboard';
import type { CoreContext } from '../context';
import { dashboard, dashboardApplications } from '../services/dashboard';
import type { AreaHandlers } from './caller';

export function dashboardHandlers(ctx: CoreContext): AreaHandlers<typeof dashboardCalls> {
  return {
    'dashboard.get': (filter) => dashboard(ctx, filter),
    'dashboard.applications': ({ filter, segment }) => dashboardApplications(ctx, filter, segment),
  };
}
