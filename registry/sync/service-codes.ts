import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Sql } from '../db/sql';

/** The catalogue every workstation ships with: what the registry goes by until its operator publishes one. */
const BUNDLED_CATALOGUE = fileURLToPath(new URL('../../assets/catalogue/catalogue.json', import.meta.url));
/** A service as the public check names it: its name in both languages, and what it issues. */
export interface PublishedService {
  name: { kk: string; ru: string };
  result: 'licence' | 'conclusion';
}
type CatalogueServices = { code: string; name: { kk: string; ru: string }; result?: 'licence' | 'conclusion' }[];
let bundled: ReadonlyMap<string, PublishedService> | null = null;

const byCode = (services: CatalogueServices) => new Map(services.map((s) => [s.code, { name: { kk: s.name.kk, ru: s.name.ru }, result: s.result ?? 'licence' }]));

function bundledServices(): ReadonlyMap<string, PublishedService> {
  bundled ??= byCode((JSON.parse(readFileSync(BUNDLED_CATALOGUE, 'utf8')) as { services: CatalogueServices }).services);
  return bundled;
}

/** The services of the catalogue published for every office (or, before any, the bundled one). */
export async function publishedServices(tx: Sql): Promise<ReadonlyMap<string, PublishedService>> {
  const [row] = await tx.query<{ services: CatalogueServices | null }>(
    `SELECT c.body->'catalogue'->'services' AS services FROM reference_data r JOIN changes c ON c.seq = r.change_seq WHERE r.kind = 'catalogue'`,
  );
  return row?.services ? byCode(row.services) : bundledServices();
}

/** The services an application may be for. */
export async function knownServiceCodes(tx: Sql): Promise<ReadonlySet<string>> {
  return new Set((await publishedServices(tx)).keys());
}
