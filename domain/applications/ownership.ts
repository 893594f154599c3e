import type { ApplicationStatus, Role } from './status';

/**
 * Whose an application is while it is a draft. A draft belongs to the clerk who opened it: only they
 * change it; the head and the administrator may look at it; nobody else sees it. Once registered it
 * belongs to the office, and the contract's role lists (and the workflow) decide who does what.
 */
export type Use = 'read' | 'change';

export interface ApplicationOwnership {
  status: ApplicationStatus;
  createdBy: string;
}

interface Someone {
  id: string;
  roles: readonly Role[];
}

/** Whose drafts the user may look at: everyone's (head, administrator), or only their own. */
export function draftsVisibleTo(user: Someone): 'all' | 'own' {
  return user.roles.some((role) => role === 'head' || role === 'admin') ? 'all' : 'own';
}

export function mayUseApplication(user: Someone, app: ApplicationOwnership, use: Use): boolean {
  if (app.status !== 'draft' || app.createdBy === user.id) return true;
  return use === 'read' && draftsVisibleTo(user) === 'all';
}
