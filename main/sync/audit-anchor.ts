import { AuditAnchorResponse } from '../../domain/sync/protocol';
import type { Db } from '../../db/db';
import { entryHashAt } from '../../db/audit/verify';
import type { Enrolment } from '../../db/repositories/registry-link';
import { registryTransport, RegistryRefused, RegistryUnreachable } from './transport';

/**
 * The local chain against the last head the registry holds of it. A chain rewritten whole hashes
 * consistently, but not to what the registry was told before the rewrite: `rewritten`. A chain shorter
 * than the anchor (a desk restored from a backup older than its last push) is `behind`: what came after
 * the backup is not here to check.
 */
export type AnchorCheck =
  | { state: 'matches' | 'rewritten' | 'behind'; anchor: { seq: number; hash: string; at: string }; localHash: string | null }
  | { state: 'none' | 'not-enrolled' }
  | { state: 'not-reached'; message: string };

export async function checkAuditAnchor(db: Db, enrolment: Enrolment | null): Promise<AnchorCheck> {
  if (!enrolment) return { state: 'not-enrolled' };
  const transport = registryTransport(enrolment.registryUrl, enrolment, { timeoutMs: 15_000 });
  let anchor: AuditAnchorResponse['anchor'];
  try {
    anchor = (await transport.postJson('/v1/audit-anchor', { clientId: enrolment.clientId }, AuditAnchorResponse)).anchor;
  } catch (error) {
    if (error instanceof RegistryUnreachable || error instanceof RegistryRefused) return { state: 'not-reached', message: error.message };
    throw error;
  } finally {
    transport.close();
  }
  if (!anchor) return { state: 'none' };
  const localHash = entryHashAt(db, anchor.seq);
  return { state: localHash === null ? 'behind' : localHash === anchor.hash ? 'matches' : 'rewritten', anchor, localHash };
}
