import forge from 'node-forge';
import { createHash } from 'node:crypto';
import { bitStringBytes, bytesOf, children, isContext, isTime, oidOf, parseDerExact, timeOf, toDerBuffer, integerHex, type Node } from '../asn1/der';
import { OID } from '../asn1/oids';
import { KeyAlgorithmError, readPublicKey, keyAlgorithmOf, type KeyAlgorithm } from '../algorithms/public-key';

export type CertificateRole = 'individual' | 'legal-entity' | 'first-head' | 'signing-right' | 'employee';

/** A certificate read the way Kazakh systems read it (DOMAIN.md, "Signatures"), whatever its key: RSA or GOST. */
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
  /** Key usage bits by name (digitalSignature, nonRepudiation, keyCertSign, …). */
  keyUsage: string[];
  /** The key's algorithm, and why the key cannot be used when it cannot (an unknown curve, a point off it). */
  keyAlgorithm: KeyAlgorithm;
  keyProblem: string | null;
  /** What a signature check needs: the signed part, its algorithm and value, the names and key as written. */
  tbsDer: Buffer;
  signatureAlgorithm: string;
  signatureValue: Buffer;
  subjectDer: Buffer;
  issuerDer: Buffer;
  spki: Buffer;
}

export interface CertificateEndpoints {
  crl: string[];
  deltaCrl: string[];
  ocsp: string[];
}

/** keyUsage's bits in order (RFC 5280 §4.2.1.3): read here, written by the NCA simulator. */
export const KEY_USAGE_BITS = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'] as const;

const SHORT_NAMES: Record<string, string> = {
  [OID.commonName]: 'CN',
  [OID.surname]: 'SURNAME',
  [OID.serialNumber]: 'SERIALNUMBER',
  [OID.country]: 'C',
  [OID.locality]: 'L',
  [OID.state]: 'ST',
  [OID.organization]: 'O',
  [OID.organizationalUnit]: 'OU',
  [OID.givenName]: 'G',
  [OID.email]: 'E',
};

const ROLE_BY_OID: Record<string, CertificateRole> = {
  [OID.ekuIndividual]: 'individual',
  [OID.ekuLegalEntity]: 'legal-entity',
  [OID.ekuFirstHead]: 'first-head',
  [OID.ekuSigningRight]: 'signing-right',
  [OID.ekuEmployee]: 'employee',
};

const { Type } = forge.asn1;

/** A directory string's text: UTF8String as UTF-8, BMPString as UTF-16BE, the rest (Printable, IA5, …) as written. */
function text(node: Node | undefined): string {
  const bytes = bytesOf(node);
  if (node?.type === Type.UTF8) return bytes.toString('utf8');
  if (node?.type === Type.BMPSTRING) return Buffer.from(bytes).swap16().toString('utf16le');
  return bytes.toString('latin1');
}

type Attribute = { oid: string; value: string };

function nameAttributes(name: Node | undefined): Attribute[] {
  return children(name).flatMap((rdn) => children(rdn).map((pair) => ({ oid: oidOf(children(pair)[0]), value: text(children(pair)[1]) })));
}

const describe = (attributes: Attribute[]) => attributes.map((a) => `${SHORT_NAMES[a.oid] ?? a.oid}=${a.value}`).join(', ');
const attribute = (attributes: Attribute[], oid: string) => attributes.find((a) => a.oid === oid)?.value ?? null;

/** Each extension's value, parsed (extnValue holds a DER of its own). */
function extensionsOf(list: Node | undefined): Map<string, Node> {
  const found = new Map<string, Node>();
  for (const extension of children(children(list)[0])) {
    const fields = children(extension);
    found.set(oidOf(fields[0]), parseDerExact(bytesOf(fields[fields.length - 1])));
  }
  return found;
}

function keyUsageOf(value: Node | undefined): string[] {
  if (!value) return [];
  const bits = bitStringBytes(value);
  return KEY_USAGE_BITS.filter((_, i) => ((bits[i >> 3] ?? 0) >> (7 - (i & 7))) & 1);
}

/** URIs of a GeneralNames list ([6] uniformResourceIdentifier), the only kind fetched here. */
function uris(generalNames: Node[]): string[] {
  return generalNames.filter((n) => isContext(n, 6) && typeof n.value === 'string').map((n) => n.value as string);
}

function endpointsOf(extensions: Map<string, Node>): CertificateEndpoints {
  // DistributionPoint ::= SEQUENCE { distributionPoint [0] { fullName [0] GeneralNames } … }
  const distributionPoints = (oid: string) =>
    children(extensions.get(oid)).flatMap((point) => children(children(point).find((n) => isContext(n, 0))).filter((n) => isContext(n, 0)).flatMap((n) => uris(children(n))));
  const access = children(extensions.get(OID.authorityInfoAccess));
  return {
    crl: distributionPoints(OID.crlDistributionPoints),
    deltaCrl: distributionPoints(OID.freshestCrl),
    ocsp: access.filter((a) => oidOf(children(a)[0]) === OID.accessOcsp).flatMap((a) => uris(children(a).slice(1))),
  };
}

/** Reads a DER certificate; throws on anything that is not one. */
export function readCertificate(der: Buffer): KazakhCertificate {
  const [tbs, signatureAlgorithm, signature] = children(parseDerExact(der));
  const fields = children(tbs);
  const offset = isContext(fields[0], 0) ? 1 : 0;
  const [serial, , issuer, validity, subject, spkiNode] = fields.slice(offset);
  const [notBefore, notAfter] = children(validity);
  if (!tbs || !signature || !serial || !issuer || !subject || !spkiNode || !isTime(notBefore) || !isTime(notAfter)) throw new Error('not a certificate');
  const extensions = extensionsOf(fields.slice(offset + 6).find((n) => isContext(n, 3)));
  const subjectAttributes = nameAttributes(subject);
  const spki = toDerBuffer(spkiNode);
  const keyAlgorithm = keyAlgorithmOf(oidOf(children(children(spkiNode)[0])[0]));
  let keyProblem: string | null = null;
  try {
    readPublicKey(spki);
  } catch (error) {
    keyProblem = error instanceof KeyAlgorithmError ? error.problem : 'key-malformed';
  }
  const keyUsage = keyUsageOf(extensions.get('2.5.29.15'));
  const extendedKeyUsage = children(extensions.get('2.5.29.37')).map(oidOf);
  const serialNumber = attribute(subjectAttributes, OID.serialNumber);
  const ou = attribute(subjectAttributes, OID.organizationalUnit);
  return {
    der,
    sha256: createHash('sha256').update(der).digest('hex'),
    commonName: attribute(subjectAttributes, OID.commonName) ?? '',
    surname: attribute(subjectAttributes, OID.surname),
    patronymic: attribute(subjectAttributes, OID.givenName),
    iin: serialNumber?.startsWith('IIN') ? serialNumber.slice(3) : null,
    bin: ou?.startsWith('BIN') ? ou.slice(3) : null,
    organization: attribute(subjectAttributes, OID.organization),
    email: attribute(subjectAttributes, OID.email),
    subject: describe(subjectAttributes),
    issuer: describe(nameAttributes(issuer)),
    serialHex: integerHex(serial),
    notBefore: timeOf(notBefore!),
    notAfter: timeOf(notAfter!),
    roles: extendedKeyUsage.map((oid) => ROLE_BY_OID[oid]).filter((r): r is CertificateRole => r !== undefined),
    canSign: keyUsage.includes('digitalSignature') && keyUsage.includes('nonRepudiation') && !extendedKeyUsage.includes(OID.ekuClientAuth),
    // NCA's RSA keys come in pairs (AUTH_RSA256 for sign-in); since 2024 it issues one GOST 2015 key for both.
    canAuthenticate: extendedKeyUsage.includes(OID.ekuClientAuth) || (keyAlgorithm.startsWith('gost2015') && keyUsage.includes('digitalSignature')),
    isCa: children(extensions.get('2.5.29.19')).some((n) => n.type === Type.BOOLEAN && n.value === '\xff'),
    endpoints: endpointsOf(extensions),
    extendedKeyUsage,
    keyUsage,
    keyAlgorithm,
    keyProblem,
    tbsDer: toDerBuffer(tbs),
    signatureAlgorithm: oidOf(children(signatureAlgorithm)[0]),
    signatureValue: bitStringBytes(signature),
    subjectDer: toDerBuffer(subject),
    issuerDer: toDerBuffer(issuer),
    spki,
  };
}
