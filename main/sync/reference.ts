import { AppError } from '../../domain/api/errors';
import { isLaterCatalogueVersion } from '../../domain/catalogue/catalogue';
import type { ReferenceChange } from '../../domain/sync/protocol';
import { appendEvent } from '../../db/repositories/events';
import { storeReference } from '../../db/repositories/reference-data';
import { importCrl } from '../services/revocation';
import { trustCertificates } from '../services/trust';
import type { CoreContext } from '../context';

export type ReferenceContext = Pick<CoreContext, 'db' | 'now' | 'catalogue'>;

/**
 * Reference data the registry published, taken into this desk inside the pulled page's transaction.
 * Certificates and CRLs pass the same checks as those an administrator imports by hand; one that does
 * not (a CRL already past its next update after days offline, one older than this desk imported itself)
 * is passed over with its reason in the audit trail, so it never holds up the changes behind it.
 */
export function applyReference(ctx: ReferenceContext, change: ReferenceChange, at: string): void {
  try {
    switch (change.kind) {
      case 'reference.catalogue': {
        const { catalogue } = change;
        if (!isLaterCatalogueVersion(catalogue.version, ctx.catalogue.version)) throw new AppError('invalid-input', 'catalogue-not-newer');
        return keep(ctx, 'catalogue', catalogue.version, catalogue, at);
      }
      case 'reference.calendar':
        return keep(ctx, 'calendar', String(change.calendar.year), change.calendar, at);
      case 'reference.certificate':
        trustCertificates(ctx, [Buffer.from(change.der, 'base64')], null);
        return;
      case 'reference.crl':
        importCrl(ctx, Buffer.from(change.der, 'base64'), null, 'registry');
        return;
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    appendEvent(ctx.db, { type: 'reference.skipped', entity: 'reference', entityId: change.kind, at, actorId: null, payload: { kind: change.kind, reason: error.reason ?? error.code } });
  }
}

function keep(ctx: ReferenceContext, kind: 'catalogue' | 'calendar', key: string, body: unknown, at: string) {
  if (!storeReference(ctx.db, kind, key, body, at)) return;
  appendEvent(ctx.db, { type: 'reference.received', entity: 'reference', entityId: `${kind}:${key}`, at, actorId: null, payload: { kind, key } });
}
