import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Authority } from '../../domain/api/contract';
import type { Role } from '../../domain/applications/status';
import { createUser } from '../auth/service';
import type { CoreContext } from '../context';
import { createIntermediateCa, createRootCa, issuePersonCertificate, toPkcs12, type KazakhPerson } from '../pki/issue';
import { OID } from '../signing/oids';
import { initialize } from '../services/setup';
import { parseCertificates, trustCertificates } from '../services/trust';
import { importCrl } from '../services/revocation';
import { issueCrl } from '../pki/crl';
import { readCertificate } from '../signing/certificate';

/**
 * `--demo`: an authority, one user per role, and a demo PKI made on the spot (root and intermediate
 * CA, the head's signing key as an NCA-style .p12). Nothing here is a secret: demo data only.
 */
export const DEMO_PASSWORD = 'demo-password';
export const DEMO_KEY_PASSWORD = 'demo-key-password';

export const DEMO_AUTHORITY: Authority = {
  nameKk: 'Қарағанды облысының кәсіпкерлік және индустриалдық-инновациялық даму басқармасы',
  nameRu: 'Управление предпринимательства и индустриально-инновационного развития Карагандинской области',
  bin: '990140001114',
  placeKk: 'Қарағанды қаласы',
  placeRu: 'город Караганда',
  officeCode: 'KRG',
};

export const DEMO_HEAD: KazakhPerson = {
  surname: 'Сәрсенбаев',
  name: 'Қайрат',
  patronymic: 'Болатұлы',
  iin: '781103500670',
  organization: 'Қарағанды облысының кәсіпкерлік және индустриалдық-инновациялық даму басқармасы',
  bin: DEMO_AUTHORITY.bin,
};

const DEMO_CLERK: KazakhPerson = {
  surname: 'Оспанова',
  name: 'Айгүл',
  patronymic: 'Ерланқызы',
  iin: '621012400231',
  organization: DEMO_HEAD.organization!,
  bin: DEMO_AUTHORITY.bin,
};

const DEMO_USERS: { username: string; fullName: string; iin: string | null; roles: Role[] }[] = [
  { username: 'clerk', fullName: 'Оспанова Айгүл Ерланқызы', iin: DEMO_CLERK.iin, roles: ['clerk'] },
  { username: 'executor', fullName: 'Жұмабеков Нұрлан Маратұлы', iin: '750301400117', roles: ['executor'] },
  { username: 'head', fullName: 'Сәрсенбаев Қайрат Болатұлы', iin: DEMO_HEAD.iin, roles: ['head'] },
];

export interface DemoPki {
  dir: string;
  rootPem: string;
  intermediatePem: string;
  headKeyFile: string;
  /** The head's authentication key: logs in instead of the password. */
  headAuthKeyFile: string;
  /** The clerk's signing key (an employee of the authority): certifies intake forms at registration. */
  clerkKeyFile: string;
  /** Empty CRLs of both CAs, valid for a week: the demo office has current revocation data. */
  crlFiles: string[];
}

export function createDemoPki(dir: string, now: Date): DemoPki {
  mkdirSync(dir, { recursive: true });
  const day = 86_400_000;
  const from = new Date(now.getTime() - day);
  const root = createRootCa('ҰКО Демо Түбірлік CA', from, new Date(now.getTime() + 3650 * day));
  const intermediate = createIntermediateCa(root, 'ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ Демо (RSA)', from, new Date(now.getTime() + 1825 * day));
  const head = issuePersonCertificate(intermediate, DEMO_HEAD, 'signing', [OID.ekuLegalEntity, OID.ekuFirstHead], from, new Date(now.getTime() + 365 * day));
  const headAuth = issuePersonCertificate(intermediate, DEMO_HEAD, 'authentication', [OID.ekuLegalEntity, OID.ekuFirstHead], from, new Date(now.getTime() + 365 * day));
  const ski = readCertificate(head.certificateDer).sha256.slice(0, 40);
  const authSki = readCertificate(headAuth.certificateDer).sha256.slice(0, 40);
  const clerk = issuePersonCertificate(intermediate, DEMO_CLERK, 'signing', [OID.ekuLegalEntity, OID.ekuEmployee], from, new Date(now.getTime() + 365 * day));
  const clerkSki = readCertificate(clerk.certificateDer).sha256.slice(0, 40);
  const pki: DemoPki = {
    dir,
    rootPem: join(dir, 'demo-root-ca.pem'),
    intermediatePem: join(dir, 'demo-intermediate-ca.pem'),
    headKeyFile: join(dir, `RSA256_${ski}.p12`),
    headAuthKeyFile: join(dir, `AUTH_RSA256_${authSki}.p12`),
    clerkKeyFile: join(dir, `clerk_RSA256_${clerkSki}.p12`),
    crlFiles: [join(dir, 'demo_root.crl'), join(dir, 'demo_rsa.crl')],
  };
  const week = { thisUpdate: now, nextUpdate: new Date(now.getTime() + 7 * day), crlNumber: 1, revoked: [] };
  writeFileSync(pki.crlFiles[0]!, issueCrl(root, week));
  writeFileSync(pki.crlFiles[1]!, issueCrl(intermediate, week));
  writeFileSync(pki.rootPem, root.certificatePem);
  writeFileSync(pki.intermediatePem, intermediate.certificatePem);
  writeFileSync(pki.headKeyFile, toPkcs12(head, [intermediate], DEMO_KEY_PASSWORD), { mode: 0o600 });
  writeFileSync(pki.headAuthKeyFile, toPkcs12(headAuth, [intermediate], DEMO_KEY_PASSWORD), { mode: 0o600 });
  writeFileSync(pki.clerkKeyFile, toPkcs12(clerk, [intermediate], DEMO_KEY_PASSWORD), { mode: 0o600 });
  return pki;
}

/** Seeds a fresh database; returns null when it already has users (demo data is never mixed into real data). */
export async function seedDemo(ctx: CoreContext, dataDir: string): Promise<DemoPki | null> {
  const admin = await initialize(ctx, DEMO_AUTHORITY, { username: 'admin', fullName: 'Әкімші Демо', iin: null, password: DEMO_PASSWORD }).catch(
    () => null,
  );
  if (!admin) return null;
  for (const user of DEMO_USERS) await createUser(ctx, { ...user, password: DEMO_PASSWORD }, admin.id);
  const pki = createDemoPki(join(dataDir, 'demo-pki'), ctx.now());
  trustCertificates(ctx, [...parseCertificates(readFileSync(pki.rootPem)), ...parseCertificates(readFileSync(pki.intermediatePem))], admin.id);
  for (const crl of pki.crlFiles) importCrl(ctx, readFileSync(crl), admin.id);
  return pki;
}
