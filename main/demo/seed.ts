import { readFileSync } from 'node:fs';
import type { Authority } from '../../domain/api/contract';
import { NCA_TSA_POLICY } from '../../domain/api/pki';
import type { Role } from '../../domain/applications/status';
import { createUser } from '../services/auth';
import type { CoreContext } from '../context';
import type { DemoKeyRequest, DemoPkiFiles, KazakhPerson } from '../../pki/demo-pki';
import { OID } from '../../pki/asn1/oids';
import { initialize } from '../services/setup';
import { parseCertificates, trustCertificates } from '../services/trust';
import { setNetworkSettings } from '../services/pki-settings';
import { importCrl } from '../services/revocation';

/**
 * `--demo`: an authority, one user per role, and their keys from the demo NCA (the simulator in
 * registry/pki, which the launcher runs). Nothing here is a secret: demo data only.
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
  /** Both of the demo NCA's hierarchies (GOST 2015 and RSA), roots and issuing CAs. */
  rootPem: string;
  intermediatePem: string;
  /** The RSA hierarchy alone, for verifiers that know no GOST (pdfsig, openssl). */
  rsaRootPem: string;
  rsaIntermediatePem: string;
  /** The head's GOST 2015 key, as NCA issues them now: signs and logs in. */
  headKeyFile: string;
  /** The key the head logs in with instead of the password: the same single GOST key. */
  headAuthKeyFile: string;
  /** The clerk's GOST 2015 key (an employee of the authority): certifies intake forms at registration. */
  clerkKeyFile: string;
  /** The head's and the clerk's RSA keys, issued on request (signing, and the head's separate login key). */
  headRsaKeyFile: string;
  headRsaAuthKeyFile: string;
  clerkRsaKeyFile: string;
  /** Current CRLs of both CAs: the demo office starts with revocation data even offline. */
  crlFiles: string[];
  tsaUrl: string;
}

/** The demo keys in the order demoPkiFromFiles reads them: the GOST 2015 keys NCA issues now, then RSA ones on request. */
export const DEMO_KEYS: DemoKeyRequest[] = [
  { prefix: 'GOST512_', person: DEMO_HEAD, purpose: 'both', roleOids: [OID.ekuLegalEntity, OID.ekuFirstHead] },
  { prefix: 'clerk_GOST512_', person: DEMO_CLERK, purpose: 'both', roleOids: [OID.ekuLegalEntity, OID.ekuEmployee] },
  { prefix: 'RSA256_', person: DEMO_HEAD, purpose: 'signing', roleOids: [OID.ekuLegalEntity, OID.ekuFirstHead], kind: 'rsa' },
  { prefix: 'AUTH_RSA256_', person: DEMO_HEAD, purpose: 'authentication', roleOids: [OID.ekuLegalEntity, OID.ekuFirstHead], kind: 'rsa' },
  { prefix: 'clerk_RSA256_', person: DEMO_CLERK, purpose: 'signing', roleOids: [OID.ekuLegalEntity, OID.ekuEmployee], kind: 'rsa' },
];

export function demoPkiFromFiles(files: DemoPkiFiles): DemoPki {
  const [headKeyFile, clerkKeyFile, headRsaKeyFile, headRsaAuthKeyFile, clerkRsaKeyFile] = files.keyFiles as [string, string, string, string, string];
  return { ...files, headKeyFile, headAuthKeyFile: headKeyFile, clerkKeyFile, headRsaKeyFile, headRsaAuthKeyFile, clerkRsaKeyFile };
}

/**
 * Seeds a fresh database with the demo users and trusts the demo NCA (whose keys `makePki` writes);
 * returns null when it already has users (demo data is never mixed into real data).
 */
export async function seedDemo(ctx: CoreContext, makePki: () => DemoPkiFiles): Promise<DemoPki | null> {
  const admin = await initialize(ctx, DEMO_AUTHORITY, { username: 'admin', fullName: 'Әкімші Демо', iin: null, password: DEMO_PASSWORD }).catch(
    () => null,
  );
  if (!admin) return null;
  for (const user of DEMO_USERS) await createUser(ctx, { ...user, password: DEMO_PASSWORD }, admin.id);
  const pki = demoPkiFromFiles(makePki());
  trustCertificates(ctx, [...parseCertificates(readFileSync(pki.rootPem)), ...parseCertificates(readFileSync(pki.intermediatePem))], admin.id);
  for (const crl of pki.crlFiles) importCrl(ctx, readFileSync(crl), admin.id);
  setNetworkSettings(ctx, { online: true, tsaUrl: pki.tsaUrl, tsaPolicy: NCA_TSA_POLICY, ocspUrl: null }, admin.id);
  return pki;
}
