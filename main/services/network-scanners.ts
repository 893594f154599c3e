import { AppError } from '../../domain/api/errors';
import { appendEvent } from '../../db/repositories/events';
import { deleteNetworkScanner, networkScanners, saveNetworkScanner } from '../../db/repositories/scan-sources';
import type { UserRecord } from '../../db/repositories/users';
import { ScannerError } from '../../scanner/drivers/driver';
import type { EsclDiscovery } from '../../scanner/escl/discovery';
import { normaliseEsclUrl, type EsclDeviceEntry, type EsclDriver } from '../../scanner/escl/escl-driver';
import { inTransaction, type CoreContext } from '../context';

/**
 * Network MFPs: found over mDNS on their own, or added by hand by address when the office network
 * does not pass multicast (common across VLANs). An address is saved only once the device at it has
 * answered as an eSCL scanner.
 */
export function knownNetworkScanners(ctx: Pick<CoreContext, 'db'>, discovery: EsclDiscovery | null): EsclDeviceEntry[] {
  const byUrl = new Map<string, EsclDeviceEntry>();
  for (const entry of discovery?.devices() ?? []) byUrl.set(entry.url, entry);
  for (const entry of networkScanners(ctx.db)) byUrl.set(entry.url, entry);
  return [...byUrl.values()];
}

export async function addNetworkScanner(ctx: CoreContext, escl: EsclDriver, user: UserRecord, address: string) {
  const url = normaliseEsclUrl(address);
  if (!url) throw new AppError('invalid-input', 'scanner-address-invalid');
  let name: string;
  try {
    name = (await escl.probe(url)).makeAndModel;
  } catch (error) {
    if (error instanceof ScannerError && error.problem === 'device-gone') throw new AppError('invalid-state', 'scanner-unreachable');
    if (error instanceof ScannerError) throw new AppError('invalid-input', 'scanner-not-escl');
    throw error;
  }
  inTransaction(ctx, () => {
    const at = ctx.now().toISOString();
    saveNetworkScanner(ctx.db, { url, name, addedBy: user.id, addedAt: at });
    appendEvent(ctx.db, { at, actorId: user.id, entity: 'user', entityId: user.id, type: 'scanner.added', payload: { url, name } });
  });
  return { device: { id: `escl:${url}`, driver: 'escl' as const, name } };
}

export function removeNetworkScanner(ctx: CoreContext, user: UserRecord, deviceId: string) {
  const url = deviceId.startsWith('escl:') ? deviceId.slice('escl:'.length) : '';
  inTransaction(ctx, () => {
    if (!deleteNetworkScanner(ctx.db, url)) throw new AppError('not-found', 'scanner-unknown-device');
    appendEvent(ctx.db, { at: ctx.now().toISOString(), actorId: user.id, entity: 'user', entityId: user.id, type: 'scanner.removed', payload: { url } });
  });
  return { ok: true as const };
}
