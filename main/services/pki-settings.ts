import { AppError } from '../../domain/api/errors';
import { getSetting, setSetting } from '../../db/repositories/settings';
import { appendEvent } from '../../db/repositories/events';
import { inTransaction, type CoreContext } from '../context';
import type { StaleRule } from '../../pki/certificates/checks';
import { NCA_TSA_POLICY } from '../../domain/api/pki';

/** The administrator's PKI settings: the rule for stale revocation data, and what the office may ask online. */
const STALE_RULE_KEY = 'crl.stale-rule';

export function staleRule(ctx: CoreContext): StaleRule {
  return getSetting(ctx.db, STALE_RULE_KEY) === 'block' ? 'block' : 'warn';
}

export function setStaleRule(ctx: CoreContext, rule: StaleRule, actorId: string | null): void {
  inTransaction(ctx, () => {
    setSetting(ctx.db, STALE_RULE_KEY, rule);
    appendEvent(ctx.db, { at: ctx.now().toISOString(), actorId, entity: 'trust', entityId: STALE_RULE_KEY, type: 'settings.stale-rule', payload: { rule } });
  });
}

export interface NetworkSettings {
  /** Off: never go to the network (an office that is offline for days, or not allowed out). */
  online: boolean;
  /** The time-stamping authority; none: signatures are made without a time-stamp. */
  tsaUrl: string | null;
  /**
   * The TSA policy asked for: by default NCA's GOST 2015 one (1.2.398.3.3.2.6.4), the only one NCA's TSA still
   * answers; none: the TSA's own default (another TSA that knows no policies).
   */
  tsaPolicy: string | null;
  /** An OCSP responder to use instead of the one the certificate names (a proxy, a mirror). */
  ocspUrl: string | null;
}

const KEYS = { online: 'pki.online', tsaUrl: 'pki.tsa-url', tsaPolicy: 'pki.tsa-policy', ocspUrl: 'pki.ocsp-url' } as const;

export function networkSettings(ctx: CoreContext): NetworkSettings {
  return {
    online: getSetting(ctx.db, KEYS.online) !== 'off',
    tsaUrl: getSetting(ctx.db, KEYS.tsaUrl) || null,
    tsaPolicy: policySetting(getSetting(ctx.db, KEYS.tsaPolicy)),
    ocspUrl: getSetting(ctx.db, KEYS.ocspUrl) || null,
  };
}

/** Unset: NCA's GOST 2015 policy; set empty: no policy asked. */
function policySetting(stored: string | null): string | null {
  if (stored === null) return NCA_TSA_POLICY;
  return stored || null;
}

export function setNetworkSettings(ctx: CoreContext, settings: NetworkSettings, actorId: string | null): void {
  for (const url of [settings.tsaUrl, settings.ocspUrl]) {
    if (url !== null && !/^https?:\/\/[^\s/]+/.test(url)) throw new AppError('invalid-input', 'url-not-http', { url });
  }
  inTransaction(ctx, () => {
    setSetting(ctx.db, KEYS.online, settings.online ? 'on' : 'off');
    setSetting(ctx.db, KEYS.tsaUrl, settings.tsaUrl ?? '');
    setSetting(ctx.db, KEYS.tsaPolicy, settings.tsaPolicy ?? '');
    setSetting(ctx.db, KEYS.ocspUrl, settings.ocspUrl ?? '');
    appendEvent(ctx.db, { at: ctx.now().toISOString(), actorId, entity: 'trust', entityId: 'pki.network', type: 'settings.network', payload: { ...settings } });
  });
}

