import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Sql } from '../db/sql';

/** The catalogue every workstation ships with: what the registry goes by until its operator publishes one. */
const BUNDLED_CATALOGUE = fileURLToPath(new URL('../../assets/catalogue/catalogue.json', import.meta.url));
let bundled: ReadonlySet<string> | null = null;

function bundledServiceCodes(): ReadonlySet<string> {
  bundled ??= new Set((JSON.parse(readFileSync(BUNDLED_CATALOGUE, 'utf8')) as { services: { code: string }[] }).services.map((s) => s.code));
  return bundled;
}

/** The services an application may be for: those of the catalogue published for every office (or, before any, the bundled one). */
export async function knownServiceCodes(tx: Sql): Promise<ReadonlySet<string>> {
  const [row] = await tx.query<{ codes: string[] | null }>(
    `SELECT array(SELECT s->>'code' FROM jsonb_array_elements(c.body->'catalogue'->'services') s) AS codes
       FROM reference_data r JOIN changes c ON c.seq = r.change_seq WHERE r.kind = 'catalogue'`,
  );
  return row?.codes ? new Set(row.codes) : bundledServiceCodes();
}
