import forge from 'node-forge';
import { createHash } from 'node:crypto';
import { children, isContext, oidOf } from '../asn1/der';
import { OID } from '../asn1/oids';

export type CertificateRole = 'individual' | 'legal-entity' | 'first-head' | 'signing-right' | 'employee';

/** A certificate read the way Kazakh systems read it (DOMAIN.md, "Signatures"). */
export interface KazakhCertificate {
  der: Buffer;
  sha256: string;
  commonName: string;
  surname: string | null;
  /** GIVENNAME in NCA certificates holds the patronymic. */
  patronymic: string | null;
  iin: string | null;
  bin: string | null;
  organization: string | null;
  email: string | null;
  subject: string;
  issuer: string;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  roles: CertificateRole[];
  canSign: boolean;
  canAuthenticate: boolean;
  isCa: boolean;
  /** Where its issuer publishes revocation data: CRL distribution points, delta CRLs, OCSP responders. */
  endpoints: CertificateEndpoints;
  /** Extended key usage OIDs as written (OCSP signing, time-stamping, the Kazakh roles, …). */
  extendedKeyUsage: string[];
}

export interface CertificateEndpoints {
  crl: string[];
  deltaCrl: string[];
  ocsp: string[];
}

/** Attribute values are raw UTF-8 bytes after forge parses a DER certificate: decode them once, here. */
function text(value: unknown): string {
  if (typeof value !== 'string') return '';
  try {
    return forge.util.decodeUtf8(value);
  } catch {
    return value;
  }
}

function attribute(name: forge.pki.Certificate['subject'], oid: string): string | null {
  const found = name.attributes.find((a) => a.type === oid);
  return found ? text(found.value) : null;
}

function describe(name: forge.pki.Certificate['subject']): string {
  return name.attributes.map((a) => `${a.shortName ?? a.type}=${text(a.value)}`).join(', ');
}

const ROLE_BY_OID: Record<string, CertificateRole> = {
  [OID.ekuIndividual]: 'individual',
  [OID.ekuLegalEntity]: 'legal-entity',
  [OID.ekuFirstHead]: 'first-head',
  [OID.ekuSigningRight]: 'signing-right',
  [OID.ekuEmployee]: 'employee',
};

export function readCertificate(der: Buffer): KazakhCertificate {
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
  const cert = forge.pki.certificateFromAsn1(asn1);
  const ext = (name: string) => cert.getExtension(name) as Record<string, unknown> | null;
  const keyUsage = ext('keyUsage');
  const eku = cert.extensions.find((e) => e.name === 'extKeyUsage') as Record<string, unknown> | undefined;
  const ekuOids = eku ? ekuOidsOf(eku) : [];
  const basic = ext('basicConstraints');
  const serialNumber = attribute(cert.subject, OID.serialNumber);
  const ou = attribute(cert.subject, OID.organizationalUnit);
  return {
    der,
    sha256: createHash('sha256').update(der).digest('hex'),
    commonName: attribute(cert.subject, OID.commonName) ?? '',
    surname: attribute(cert.subject, OID.surname),
    patronymic: attribute(cert.subject, OID.givenName),
    iin: serialNumber?.startsWith('IIN') ? serialNumber.slice(3) : null,
    bin: ou?.startsWith('BIN') ? ou.slice(3) : null,
    organization: attribute(cert.subject, OID.organization),
    email: attribute(cert.subject, OID.email),
    subject: describe(cert.subject),
    issuer: describe(cert.issuer),
    serialHex: cert.serialNumber,
    notBefore: cert.validity.notBefore,
    notAfter: cert.validity.notAfter,
    roles: ekuOids.map((oid) => ROLE_BY_OID[oid]).filter((r): r is CertificateRole => r !== undefined),
    canSign: Boolean(keyUsage?.digitalSignature && keyUsage?.nonRepudiation) && !ekuOids.includes(OID.ekuClientAuth),
    canAuthenticate: ekuOids.includes(OID.ekuClientAuth),
    isCa: Boolean(basic?.cA),
    endpoints: endpointsOf(cert),
    extendedKeyUsage: ekuOids,
  };
}

/** URIs of a GeneralNames list ([6] uniformResourceIdentifier), the only kind fetched here. */
function uris(generalNames: forge.asn1.Asn1[]): string[] {
  return generalNames.filter((n) => isContext(n, 6) && typeof n.value === 'string').map((n) => n.value as string);
}

function endpointsOf(cert: forge.pki.Certificate): CertificateEndpoints {
  const raw = (oid: string) => {
    const value = (cert.extensions.find((e) => e.id === oid) as { value?: unknown } | undefined)?.value;
    return typeof value === 'string' ? forge.asn1.fromDer(value) : undefined;
  };
  // DistributionPoint ::= SEQUENCE { distributionPoint [0] { fullName [0] GeneralNames } … }
  const distributionPoints = (oid: string) =>
    children(raw(oid)).flatMap((point) => children(children(point).find((n) => isContext(n, 0))).filter((n) => isContext(n, 0)).flatMap((n) => uris(children(n))));
  const access = children(raw(OID.authorityInfoAccess));
  return {
    crl: distributionPoints(OID.crlDistributionPoints),
    deltaCrl: distributionPoints(OID.freshestCrl),
    ocsp: access.filter((a) => oidOf(children(a)[0]) === OID.accessOcsp).flatMap((a) => uris(children(a).slice(1))),
  };
}

/** forge turns known EKU OIDs into named flags and keeps unknown ones only in the raw value: read the raw value. */
function ekuOidsOf(extension: Record<string, unknown>): string[] {
  const value = extension.value;
  if (typeof value !== 'string') return [];
  const seq = forge.asn1.fromDer(value);
  return (seq.value as forge.asn1.Asn1[]).map((node) => forge.asn1.derToOid(node.value as string));
}
