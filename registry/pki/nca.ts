import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { certificateParts } from '../../pki/asn1/certificate-parts';
import { integerHex } from '../../pki/asn1/der';
import { createIntermediateCa, createRootCa, issueServiceCertificate, type Issued } from './certificates';
import { issueCrl, type CrlEntry } from './crl-issuer';
import { answerOcsp, type CertificateStatus } from './ocsp-responder';
import { answerTimestamp } from './tsa';

/**
 * A simulated National Certification Authority: a root and an RSA intermediate CA that publish full
 * and delta CRLs at their distribution points, an OCSP responder and a time-stamping authority, all
 * behind the registry simulators' HTTP server (paths under /nca/). The addresses are written into every
 * certificate it issues, as the real NCA writes crl.pki.gov.kz and ocsp.pki.gov.kz.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;

interface Revocation extends CrlEntry {
  /** Already in the published full CRL; later ones are only in the delta until the next full one. */
  inFull: boolean;
}

interface NcaState {
  /** The simulators' address when the NCA was made: it is in every certificate. */
  baseUrl: string;
  root: Issued;
  intermediate: Issued;
  ocspResponder: Issued;
  tsa: Issued;
  revocations: Revocation[];
  crlNumber: number;
  fullCrl: { number: number; thisUpdate: string; nextUpdate: string } | null;
}

export interface NcaResponse {
  status: number;
  contentType: string;
  body: Buffer;
}

export const ncaPaths = {
  rootCrl: '/nca/crl/root.crl',
  fullCrl: '/nca/crl/nca_rsa.crl',
  deltaCrl: '/nca/crl/nca_d_rsa.crl',
  ocsp: '/nca/ocsp',
  tsp: '/nca/tsp',
} as const;

export class NcaSimulator {
  private constructor(private readonly state: NcaState, private readonly clock: () => Date) {}

  static create(baseUrl: string, now: Date, clock: () => Date = () => new Date()): NcaSimulator {
    const from = new Date(now.getTime() - 30 * DAY);
    const root = createRootCa('ҰКО Демо Түбірлік CA', from, new Date(now.getTime() + 3650 * DAY), { crlUrl: baseUrl + ncaPaths.rootCrl });
    const intermediate = createIntermediateCa(root, 'ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ Демо (RSA)', from, new Date(now.getTime() + 1825 * DAY), {
      crlUrl: baseUrl + ncaPaths.fullCrl,
      deltaCrlUrl: baseUrl + ncaPaths.deltaCrl,
      ocspUrl: baseUrl + ncaPaths.ocsp,
    });
    const until = new Date(now.getTime() + 1825 * DAY);
    return new NcaSimulator(
      {
        baseUrl,
        root,
        intermediate,
        ocspResponder: issueServiceCertificate(intermediate, 'OCSP Демо', 'ocsp', from, until),
        tsa: issueServiceCertificate(intermediate, 'TSA Демо', 'tsa', from, until),
        revocations: [],
        crlNumber: Math.floor(now.getTime() / 1000),
        fullCrl: null,
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
  get root(): Issued {
    return this.state.root;
  }
  get intermediate(): Issued {
    return this.state.intermediate;
  }
  get tsa(): Issued {
    return this.state.tsa;
  }
  get ocspResponder(): Issued {
    return this.state.ocspResponder;
  }

  /** Revokes a certificate of the intermediate CA: in the delta CRL and OCSP at once, in the full CRL from the next one. */
  revoke(certificateDer: Buffer, at: Date = this.clock()): void {
    const serialHex = integerHex(certificateParts(certificateDer).serial);
    if (!this.state.revocations.some((r) => r.serialHex === serialHex)) this.state.revocations.push({ serialHex, revokedAt: at, inFull: false });
  }

  /** Publishes a new full CRL now, taking in every revocation so far. */
  publishFullCrl(now: Date = this.clock()): void {
    for (const r of this.state.revocations) r.inFull = true;
    this.state.fullCrl = { number: ++this.state.crlNumber, thisUpdate: now.toISOString(), nextUpdate: new Date(now.getTime() + DAY).toISOString() };
  }

  private statusOf(serialHex: string): CertificateStatus {
    const revoked = this.state.revocations.find((r) => r.serialHex === serialHex);
    return revoked ? { status: 'revoked', revokedAt: revoked.revokedAt } : { status: 'good' };
  }

  /** Answers a request under /nca/, or null when the path is not the NCA's. */
  handle(method: string, path: string, body: Buffer): NcaResponse | null {
    const now = this.clock();
    const der = (contentType: string, bytes: Buffer): NcaResponse => ({ status: 200, contentType, body: bytes });
    if (method === 'GET' && path === ncaPaths.rootCrl) {
      return der('application/pkix-crl', issueCrl(this.state.root, { revoked: [], thisUpdate: now, nextUpdate: new Date(now.getTime() + 7 * DAY), crlNumber: ++this.state.crlNumber }));
    }
    if (method === 'GET' && (path === ncaPaths.fullCrl || path === ncaPaths.deltaCrl)) {
      if (!this.state.fullCrl || new Date(this.state.fullCrl.nextUpdate) <= now) this.publishFullCrl(now);
      const full = this.state.fullCrl!;
      if (path === ncaPaths.fullCrl) {
        const revoked = this.state.revocations.filter((r) => r.inFull);
        return der('application/pkix-crl', issueCrl(this.state.intermediate, { revoked, thisUpdate: new Date(full.thisUpdate), nextUpdate: new Date(full.nextUpdate), crlNumber: full.number }));
      }
      const revoked = this.state.revocations.filter((r) => !r.inFull);
      return der('application/pkix-crl', issueCrl(this.state.intermediate, { revoked, thisUpdate: now, nextUpdate: new Date(now.getTime() + HOUR), crlNumber: ++this.state.crlNumber, deltaOf: full.number }));
    }
    if (method === 'POST' && path === ncaPaths.ocsp) {
      return der('application/ocsp-response', answerOcsp(body, { ca: this.state.intermediate, responder: this.state.ocspResponder, statusOf: (s) => this.statusOf(s) }, now));
    }
    if (method === 'POST' && path === ncaPaths.tsp) {
      return der('application/timestamp-reply', answerTimestamp(body, this.state.tsa, [this.state.intermediate], now, randomBytes(8)));
    }
    return path.startsWith('/nca/') ? { status: 404, contentType: 'text/plain', body: Buffer.from('not found') } : null;
  }
}
