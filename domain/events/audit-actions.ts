import type { AuditAction } from '../api/audit';

/**
 * How the audit screen groups the office's event types into the actions a head filters by. A type may
 * be in two groups: a licence signed is a decision and a use of the head's key.
 */
const GROUPS: Readonly<Record<AuditAction, readonly string[]>> = {
  'sign-ins': ['user.login', 'user.login-failed', 'user.locked'],
  applications: [
    'application.drafted',
    'identity.checked',
    'identity.resolved',
    'application.identity-checked',
    'application.identity-resolved',
    'application.discarded',
    'application.registered',
    'application.assigned',
    'application.completeness-confirmed',
    'checklist.set',
    'application.submitted-for-decision',
    'application.returned-to-executor',
    'application.handed-out',
    'application.survey-recorded',
  ],
  documents: ['document.attached', 'document.removed', 'document.paper-marked', 'pages.scanned', 'page.edited', 'hot-folder.refused'],
  decisions: ['licence.issued', 'licence.refused', 'decision.signing-refused'],
  // Where an EDS key was used: signing in by key, the clerk certifying a form, a decision or a letter signed.
  keys: ['user.login', 'application.registered', 'licence.issued', 'licence.refused', 'decision.signing-refused', 'document.signed'],
  settings: [
    'authority.configured',
    'user.created',
    'settings.scan-folders',
    'settings.stale-rule',
    'settings.office-hours',
    'settings.network',
    'calendar.imported',
    'trust.added',
    'crl.imported',
    'scanner.added',
    'scanner.removed',
    'hot-folder.set',
  ],
  sync: ['application.received', 'application.synced', 'application.fact-received', 'decision.received', 'decision.refused-from-registry', 'reference.received', 'reference.skipped', 'user.listed'],
};

export function auditTypesOf(action: AuditAction): readonly string[] {
  return GROUPS[action];
}

/** Entries this desk wrote on what the registry told it (another desk of the office, or the registry's own). */
export function cameFromRegistry(type: string): boolean {
  return GROUPS.sync.includes(type);
}
