import { createHash } from 'node:crypto';
import type { CalendarYear } from '../../domain/calendar/working-days';
import { isLaterCatalogueVersion, type Catalogue } from '../../domain/catalogue/catalogue';
import { MAX_REFERENCE_BYTES, type ReferenceChange } from '../../domain/sync/protocol';
import { readCertificate } from '../../pki/certificates/certificate';
import { CrlError, crlIssuedBy, parseCrl } from '../../pki/revocation/crl';
import type { RegistryDb, Sql } from '../db/sql';
import { RegistryRefusal } from '../refusal';
import { recordOperatorAction } from '../admin/operator-log';
import { holdAllAuthorities } from '../sync/change-order';

type Kind = 'catalogue' | 'calendar' | 'certificate' | 'crl';
/** A change as published (its seq comes from the table). */
type WithoutSeq<C> = C extends unknown ? Omit<C, 'seq'> : never;
type Body = WithoutSeq<ReferenceChange>;

export interface Publication {
  kind: Kind;
  key: string;
  /** False when the same thing was published already (nothing changed). */
  published: boolean;
  /** The change desks pull it by. */
  seq: number;
}

interface Item {
  kind: Kind;
  /** What a newer publication replaces: the catalogue, a calendar year, a certificate, an issuer's (delta) CRL. */
  key: string;
  body: Body;
  /** Ordered where an older one must not replace a newer (the catalogue's version, a CRL's number). */
  version: string | null;
  isOlder?: (version: string, current: string) => boolean;
}

const sha256Of = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * Publishes one thing for every office: its change (for all authorities) replaces the one that carried
 * the older publication, in one transaction; the same thing again changes nothing, an older one is refused.
 */
async function publish(tx: Sql, item: Item, also?: (tx: Sql) => Promise<void>): Promise<Publication> {
  await holdAllAuthorities(tx);
  const text = JSON.stringify(item.body);
  const sha256 = sha256Of(text);
  const [current] = await tx.query<{ sha256: string; version: string | null; change_seq: string }>(
    'SELECT sha256, version, change_seq FROM reference_data WHERE kind = $1 AND key = $2 FOR UPDATE',
    [item.kind, item.key],
  );
  if (current?.sha256 === sha256) return { kind: item.kind, key: item.key, published: false, seq: Number(current.change_seq) };
  if (current?.version && item.version && item.isOlder?.(item.version, current.version)) {
    throw new RegistryRefusal(409, `${item.kind}-not-newer`, `${item.version} after ${current.version}`);
  }
  await also?.(tx);
  const [change] = await tx.query<{ seq: string }>('INSERT INTO changes (authority_bin, body, size) VALUES (NULL, $1, $2) RETURNING seq', [text, Buffer.byteLength(text)]);
  const seq = Number(change!.seq);
  if (current) await tx.query('DELETE FROM changes WHERE seq = $1', [current.change_seq]);
  await tx.query(
    `INSERT INTO reference_data (kind, key, sha256, version, change_seq) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (kind, key) DO UPDATE SET sha256 = $3, version = $4, change_seq = $5, published_at = now()`,
    [item.kind, item.key, sha256, item.version, seq],
  );
  await recordOperatorAction(tx, 'published', { kind: item.kind, key: item.key, version: item.version, sha256 }, new Date());
  return { kind: item.kind, key: item.key, published: true, seq };
}

/** A new version of the services catalogue (validated by the caller against its schema). */
export function publishCatalogue(db: RegistryDb, catalogue: Catalogue): Promise<Publication> {
  return db.transaction((tx) =>
    publish(tx, {
      kind: 'catalogue',
      key: 'catalogue',
      body: { kind: 'reference.catalogue', catalogue },
      version: catalogue.version,
      isOlder: (version, current) => !isLaterCatalogueVersion(version, current),
    }),
  );
}

/** A year of the working calendar; a corrected year replaces the one published before. */
export function publishCalendarYear(db: RegistryDb, calendar: CalendarYear): Promise<Publication> {
  return db.transaction((tx) => publish(tx, { kind: 'calendar', key: String(calendar.year), body: { kind: 'reference.calendar', calendar }, version: null }));
}

/** NCA CA certificates: trusted here for signed decisions, and pulled by every office into its trust store. */
export async function publishCertificates(db: RegistryDb, ders: readonly Buffer[]): Promise<Publication[]> {
  const certs = ders.map((der) => {
    let cert;
    try {
      cert = readCertificate(der);
    } catch {
      throw new RegistryRefusal(400, 'certificate-unreadable');
    }
    if (!cert.isCa) throw new RegistryRefusal(400, 'not-a-ca-certificate', cert.subject);
    if (cert.keyProblem) throw new RegistryRefusal(400, cert.keyProblem, cert.subject);
    return cert;
  });
  return db.transaction(async (tx) => {
    const done: Publication[] = [];
    for (const cert of certs) {
      done.push(
        await publish(tx, { kind: 'certificate', key: cert.sha256, body: { kind: 'reference.certificate', sha256: cert.sha256, der: cert.der.toString('base64') }, version: null }, (t) =>
          t.query('INSERT INTO trusted_roots (sha256, der) VALUES ($1, $2) ON CONFLICT DO NOTHING', [cert.sha256, cert.der]).then(() => undefined),
        ),
      );
    }
    return done;
  });
}

/** A CRL of a trusted CA, checked as a desk would check it; it replaces that CA's previous one (full and delta apart). */
export async function publishCrl(db: RegistryDb, der: Buffer, now: Date): Promise<Publication> {
  if (der.length > MAX_REFERENCE_BYTES) throw new RegistryRefusal(413, 'crl-too-large');
  let crl;
  try {
    crl = parseCrl(der);
  } catch (error) {
    if (error instanceof CrlError) throw new RegistryRefusal(400, `crl-${error.problem}`);
    throw error;
  }
  if (crl.nextUpdate && crl.nextUpdate < now) throw new RegistryRefusal(400, 'crl-expired', crl.nextUpdate.toISOString());
  return db.transaction(async (tx) => {
    const roots = await tx.query<{ sha256: string; der: Uint8Array }>('SELECT sha256, der FROM trusted_roots ORDER BY added_at');
    const issuer = roots.find((r) => crlIssuedBy(crl, Buffer.from(r.der)));
    if (!issuer) throw new RegistryRefusal(400, 'crl-issuer-not-trusted');
    const delta = crl.deltaOf !== null;
    return publish(tx, {
      kind: 'crl',
      key: `${issuer.sha256}${delta ? ':delta' : ''}`,
      body: { kind: 'reference.crl', sha256: sha256Of(der), der: der.toString('base64') },
      version: String(crl.crlNumber ?? -1),
      isOlder: (version, current) => Number(version) <= Number(current),
    });
  });
}

export interface ReferenceSummary {
  kind: Kind;
  key: string;
  version: string | null;
  publishedAt: string;
}

/** What is published now, for the operator's report. */
export async function publishedReference(db: Sql): Promise<ReferenceSummary[]> {
  const rows = await db.query<{ kind: Kind; key: string; version: string | null; published_at: Date | string }>(
    'SELECT kind, key, version, published_at FROM reference_data ORDER BY kind, key',
  );
  return rows.map((r) => ({ kind: r.kind, key: r.key, version: r.version, publishedAt: new Date(r.published_at).toISOString() }));
}
