import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { certificateParts } from '../../pki/asn1/certificate-parts';
import { bytesOf, children, integerHex, isContext, parseDerExact, toDerBuffer } from '../../pki/asn1/der';
import { createIntermediateCa, createRootCa, issueServiceCertificate, type Issued, type KeyKind } from './certificates';
import { issueCrl, type CrlEntry } from './crl-issuer';
import { answerOcsp, type CertificateStatus } from './ocsp-responder';
import { answerTimestamp } from './tsa';

/**
 * A simulated National Certification Authority as NCA runs today: a GOST 2015 hierarchy (root and issuing CA, the
 * default for new keys) and an RSA one (keys still issued on request), each publishing full and delta CRLs at its
 * distribution points signed with its own kind of key and answering OCSP through a responder of its kind; one
 * time-stamping authority signing with GOST 2015. All behind the registry simulators' HTTP server (paths under
 * /nca/). The addresses are written into every certificate, as the real NCA writes crl.pki.gov.kz and
 * ocsp.pki.gov.kz.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;
const STATE_VERSION = 2;

interface Revocation extends CrlEntry {
  /** Already in the published full CRL; later ones are only in the delta until the next full one. */
  inFull: boolean;
}

export interface CaHierarchy {
  root: Issued;
  intermediate: Issued;
  ocspResponder: Issued;
}

interface CaState extends CaHierarchy {
  revocations: Revocation[];
  fullCrl: { number: number; thisUpdate: string; nextUpdate: string } | null;
}

interface NcaState {
  version: number;
  /** The simulators' address when the NCA was made: it is in every certificate. */
  baseUrl: string;
  gost: CaState;
  rsa: CaState;
  tsa: Issued;
  crlNumber: number;
}

export interface NcaResponse {
  status: number;
  contentType: string;
  body: Buffer;
}

const KINDS: KeyKind[] = ['gost2015', 'rsa'];
const crlPaths = (name: string) => ({ root: `/nca/crl/root_${name}.crl`, full: `/nca/crl/nca_${name}.crl`, delta: `/nca/crl/nca_d_${name}.crl` });
const CRL_PATHS: Record<KeyKind, { root: string; full: string; delta: string }> = { gost2015: crlPaths('gost'), rsa: crlPaths('rsa') };

export const ncaPaths = {
  /** The GOST hierarchy's CRLs, as NCA names them (nca_gost.crl, nca_d_gost.crl). */
  gostRootCrl: CRL_PATHS.gost2015.root,
  gostFullCrl: CRL_PATHS.gost2015.full,
  gostDeltaCrl: CRL_PATHS.gost2015.delta,
  rsaRootCrl: CRL_PATHS.rsa.root,
  rsaFullCrl: CRL_PATHS.rsa.full,
  rsaDeltaCrl: CRL_PATHS.rsa.delta,
  ocsp: '/nca/ocsp',
  tsp: '/nca/tsp',
} as const;

function createHierarchy(kind: KeyKind, baseUrl: string, from: Date, now: Date): CaState {
  const paths = CRL_PATHS[kind];
  const label = kind === 'rsa' ? 'RSA' : 'GOST';
  const root = createRootCa(`ҰКО Демо Түбірлік (${label})`, from, new Date(now.getTime() + 3650 * DAY), { crlUrl: baseUrl + paths.root }, kind);
  const intermediate = createIntermediateCa(root, `ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ Демо (${label})`, from, new Date(now.getTime() + 1825 * DAY), {
    crlUrl: baseUrl + paths.full,
    deltaCrlUrl: baseUrl + paths.delta,
    ocspUrl: baseUrl + ncaPaths.ocsp,
  });
  const ocspResponder = issueServiceCertificate(intermediate, `OCSP Демо (${label})`, 'ocsp', from, new Date(now.getTime() + 1825 * DAY));
  return { root, intermediate, ocspResponder, revocations: [], fullCrl: null };
}

export class NcaSimulator {
  private constructor(private readonly state: NcaState, private readonly clock: () => Date) {}

  static create(baseUrl: string, now: Date, clock: () => Date = () => new Date()): NcaSimulator {
    const from = new Date(now.getTime() - 30 * DAY);
    const gost = createHierarchy('gost2015', baseUrl, from, now);
    return new NcaSimulator(
      {
        version: STATE_VERSION,
        baseUrl,
        gost,
        rsa: createHierarchy('rsa', baseUrl, from, now),
        tsa: issueServiceCertificate(gost.intermediate, 'TSA Демо (GOST)', 'tsa', from, new Date(now.getTime() + 1825 * DAY)),
        crlNumber: Math.floor(now.getTime() / 1000),
      },
      clock,
    );
  }

  /** The simulator kept in a folder (the demo's data folder): its CA keys are demo data, not secrets. */
  static exists(dir: string): boolean {
    return existsSync(join(dir, 'nca.json'));
  }

  static load(dir: string, clock: () => Date = () => new Date()): NcaSimulator {
    const state = JSON.parse(readFileSync(join(dir, 'nca.json'), 'utf8'), (key, value) =>
      key === 'certificateDer' ? Buffer.from(value as string, 'base64') : key === 'revokedAt' ? new Date(value as string) : value,
    ) as NcaState;
    if (state.version !== STATE_VERSION) throw new Error(`The demo NCA in ${dir} was made by an older АЖО; remove the demo's data folder to start a new demo.`);
    return new NcaSimulator(state, clock);
  }

  save(dir: string): void {
    mkdirSync(dir, { recursive: true });
    const json = JSON.stringify(this.state, (key, value) => (key === 'certificateDer' ? Buffer.from((value as { data: number[] }).data).toString('base64') : value));
    writeFileSync(join(dir, 'nca.json'), json, { mode: 0o600 });
  }

  get baseUrl(): string {
    return this.state.baseUrl;
  }
  /** The GOST 2015 hierarchy, which issues new keys by default (as NCA does since 2024). */
  get gost(): CaHierarchy {
    return this.state.gost;
  }
  /** The RSA hierarchy, for keys issued on request and those issued before. */
  get rsa(): CaHierarchy {
    return this.state.rsa;
  }
  /** The default hierarchy's CAs: GOST 2015. */
  get root(): Issued {
    return this.state.gost.root;
  }
  get intermediate(): Issued {
    return this.state.gost.intermediate;
  }
  get ocspResponder(): Issued {
    return this.state.gost.ocspResponder;
  }
  get tsa(): Issued {
    return this.state.tsa;
  }
  /** The hierarchy of a kind of key. */
  ca(kind: KeyKind): CaHierarchy {
    return this.hierarchy(kind);
  }

  private hierarchy(kind: KeyKind): CaState {
    return kind === 'rsa' ? this.state.rsa : this.state.gost;
  }

  private get hierarchies(): CaState[] {
    return KINDS.map((kind) => this.hierarchy(kind));
  }

  private hierarchyOfIssuer(certificateDer: Buffer): CaState | null {
    const issuer = toDerBuffer(certificateParts(certificateDer).issuer);
    return this.hierarchies.find((h) => toDerBuffer(certificateParts(h.intermediate.certificateDer).subject).equals(issuer)) ?? null;
  }

  /** Revokes a certificate of an issuing CA: in the delta CRL and OCSP at once, in the full CRL from the next one. */
  revoke(certificateDer: Buffer, at: Date = this.clock()): void {
    const hierarchy = this.hierarchyOfIssuer(certificateDer);
    if (!hierarchy) throw new Error('not a certificate of the demo NCA');
    const serialHex = integerHex(certificateParts(certificateDer).serial);
    if (!hierarchy.revocations.some((r) => r.serialHex === serialHex)) hierarchy.revocations.push({ serialHex, revokedAt: at, inFull: false });
  }

  /** Publishes new full CRLs now, taking in every revocation so far. */
  publishFullCrl(now: Date = this.clock()): void {
    for (const hierarchy of this.hierarchies) this.publishFullCrlOf(hierarchy, now);
  }

  private publishFullCrlOf(hierarchy: CaState, now: Date): void {
    for (const r of hierarchy.revocations) r.inFull = true;
    hierarchy.fullCrl = { number: ++this.state.crlNumber, thisUpdate: now.toISOString(), nextUpdate: new Date(now.getTime() + DAY).toISOString() };
  }

  private crl(kind: KeyKind, which: 'root' | 'full' | 'delta', now: Date): Buffer {
    const hierarchy = this.hierarchy(kind);
    if (which === 'root') return issueCrl(hierarchy.root, { revoked: [], thisUpdate: now, nextUpdate: new Date(now.getTime() + 7 * DAY), crlNumber: ++this.state.crlNumber });
    if (!hierarchy.fullCrl || new Date(hierarchy.fullCrl.nextUpdate) <= now) this.publishFullCrlOf(hierarchy, now);
    const full = hierarchy.fullCrl!;
    if (which === 'full') {
      const revoked = hierarchy.revocations.filter((r) => r.inFull);
      return issueCrl(hierarchy.intermediate, { revoked, thisUpdate: new Date(full.thisUpdate), nextUpdate: new Date(full.nextUpdate), crlNumber: full.number });
    }
    const revoked = hierarchy.revocations.filter((r) => !r.inFull);
    return issueCrl(hierarchy.intermediate, { revoked, thisUpdate: now, nextUpdate: new Date(now.getTime() + HOUR), crlNumber: ++this.state.crlNumber, deltaOf: full.number });
  }

  /** The hierarchy whose issuing CA an OCSP request asks about (by its CertID's issuer key hash), GOST by default. */
  private hierarchyAsked(requestDer: Buffer): CaState {
    try {
      const request = children(children(children(children(parseDerExact(requestDer))[0]).find((n) => !isContext(n, 0) && !isContext(n, 1)))[0])[0];
      const keyHash = bytesOf(children(request)[2]);
      const found = this.hierarchies.find((h) =>
        ['sha1', 'sha256'].some((hash) => createHash(hash).update(certificateParts(h.intermediate.certificateDer).publicKeyBits).digest().equals(keyHash)),
      );
      return found ?? this.state.gost;
    } catch {
      return this.state.gost;
    }
  }

  private statusOf(hierarchy: CaState, serialHex: string): CertificateStatus {
    const revoked = hierarchy.revocations.find((r) => r.serialHex === serialHex);
    return revoked ? { status: 'revoked', revokedAt: revoked.revokedAt } : { status: 'good' };
  }

  /** Answers a request under /nca/, or null when the path is not the NCA's. */
  handle(method: string, path: string, body: Buffer): NcaResponse | null {
    const now = this.clock();
    const der = (contentType: string, bytes: Buffer): NcaResponse => ({ status: 200, contentType, body: bytes });
    for (const kind of KINDS) {
      const which = (['root', 'full', 'delta'] as const).find((w) => CRL_PATHS[kind][w] === path);
      if (method === 'GET' && which) return der('application/pkix-crl', this.crl(kind, which, now));
    }
    if (method === 'POST' && path === ncaPaths.ocsp) {
      const hierarchy = this.hierarchyAsked(body);
      return der('application/ocsp-response', answerOcsp(body, { ca: hierarchy.intermediate, responder: hierarchy.ocspResponder, statusOf: (s) => this.statusOf(hierarchy, s) }, now));
    }
    if (method === 'POST' && path === ncaPaths.tsp) {
      return der('application/timestamp-reply', answerTimestamp(body, this.state.tsa, [this.state.gost.intermediate], now, randomBytes(8)));
    }
    return path.startsWith('/nca/') ? { status: 404, contentType: 'text/plain', body: Buffer.from('not found') } : null;
  }
}
