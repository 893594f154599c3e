import Bonjour from 'bonjour-service';
import type { EsclDeviceEntry } from './escl-driver';

/**
 * Network scanners announcing themselves over mDNS/DNS-SD as `_uscan._tcp` (eSCL over HTTP) or
 * `_uscans._tcp` (over HTTPS), as AirScan devices do. A device that says goodbye, or is not heard
 * again, drops out of the list; devices added by hand are kept elsewhere and stay.
 */
export function esclEntryOf(service: Pick<Bonjour.Service, 'name' | 'type' | 'port' | 'addresses' | 'txt' | 'host'>): EsclDeviceEntry | null {
  const txt = (service.txt ?? {}) as Record<string, unknown>;
  const scheme = service.type === 'uscans' ? 'https' : 'http';
  // The announced addresses, IPv4 first: a `.local` host name needs an mDNS resolver the OS may lack.
  const addresses = [...(service.addresses ?? [])].sort((a, b) => Number(a.includes(':')) - Number(b.includes(':')));
  const address = addresses[0];
  if (!address || !Number.isInteger(service.port) || service.port <= 0 || service.port > 65535) return null;
  const host = address.includes(':') ? `[${address}]` : address;
  const root = typeof txt.rs === 'string' ? txt.rs.replace(/^\/+|\/+$/g, '') : 'eSCL';
  const name = typeof txt.ty === 'string' && txt.ty.trim() ? txt.ty.trim() : service.name;
  return { url: `${scheme}://${host}:${service.port}${root ? `/${root}` : ''}`, name };
}

export class EsclDiscovery {
  private bonjour: Bonjour | null = null;
  private browsers: Bonjour.Browser[] = [];

  start(): void {
    if (this.bonjour) return;
    // Discovery is a convenience: a network without multicast (or port 5353 taken) leaves the list empty.
    this.bonjour = new Bonjour({}, () => undefined);
    this.browsers = ['uscan', 'uscans'].map((type) => this.bonjour!.find({ type, protocol: 'tcp' }));
  }

  devices(): EsclDeviceEntry[] {
    const found = new Map<string, EsclDeviceEntry>();
    for (const service of this.browsers.flatMap((b) => b.services)) {
      const entry = esclEntryOf(service);
      if (entry) found.set(entry.url, entry);
    }
    return [...found.values()];
  }

  /** Asks the network again (a device switched on after the app started answers now). */
  refresh(): void {
    this.browsers.forEach((b) => b.update());
  }

  stop(): void {
    this.browsers.forEach((b) => b.stop());
    this.browsers = [];
    this.bonjour?.destroy();
    this.bonjour = null;
  }
}
