import { createHash, createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { certificateParts } from '../../pki/asn1/certificate-parts';
import {
  algorithm, bitString, bitStringBytes, bool, certificateTime, children, explicit, implicitPrimitive, int, octets, oid, parseDerExact, printableString, seq, set, toDerBuffer, unsignedInt, utf8String, ia5, type Node,
} from '../../pki/asn1/der';
import type { KazakhPerson } from '../../pki/demo-pki';
import { OID } from '../../pki/asn1/oids';
import { gostPrivateKey, rsaPrivateKey, type PrivateKey } from '../../pki/algorithms/private-key';
import { TC26_256_A, TC26_512_A } from '../../pki/gost/curves';
import { KEY_USAGE_BITS } from '../../pki/certificates/certificate';
import { littleEndian, ncaPublicKeyOf, ncaSpki, toLittleEndian } from '../../pki/gost/nca';

export type { KazakhPerson } from '../../pki/demo-pki';

/**
 * Certificates as the National Certification Authority issues them, for its simulator (the demo PKI of `--demo`
 * and the tests' PKI): GOST R 34.10-2015 512-bit keys by default, as NCA issues them since 2024, and RSA keys on
 * request; each CA signs with its own kind of key. Names are Cyrillic UTF8String as in NCA RK certificates.
 * Written with the project's DER writer rather than forge's certificate builder, which knows RSA keys only.
 */
export type KeyKind = 'gost2015' | 'rsa';

/**
 * The issued key: an RSA key as PKCS#8 PEM, a GOST scalar as little-endian hex (demo data, never a real key) —
 * 512-bit as NCA issues them, 256-bit when asked.
 */
export type IssuedKey = { kind: 'rsa'; privateKeyPem: string } | { kind: 'gost2015'; scalarHex: string; bits?: 256 | 512 };

export interface Issued {
  certificateDer: Buffer;
  certificatePem: string;
  key: IssuedKey;
  /** For a CA: where it publishes its CRLs and answers OCSP; written into what it issues. */
  publication?: Publication;
}

export interface Publication {
  crlUrl: string;
  deltaCrlUrl?: string;
  ocspUrl?: string;
}

/** The key to sign with (a CA's certificates and CRLs, a responder's answers, a TSA's tokens). */
export function privateKeyOf(issued: Issued): PrivateKey {
  const { key } = issued;
  return key.kind === 'rsa' ? rsaPrivateKey(createPrivateKey(key.privateKeyPem)) : gostPrivateKey(gostCurveOfKey(key), Buffer.from(key.scalarHex, 'hex'));
}

export const gostCurveOfKey = (key: { bits?: 256 | 512 }) => (key.bits === 256 ? TC26_256_A : TC26_512_A);

/** How what it signs names its signature: SHA-256 with RSA, or NCA's GOST 2015 (both with NULL parameters). */
export function signatureAlgorithmOf(issued: Issued): Node {
  const { key } = issued;
  return algorithm(key.kind === 'rsa' ? OID.sha256WithRsa : key.bits === 256 ? OID.gost2015Signature256 : OID.gost2015Signature512);
}

/** Signs a to-be-signed structure (a certificate's, a CRL's, an OCSP answer's) and wraps it with its algorithm. */
export function signStructure(issuer: Issued, tbs: Node): Buffer {
  const signature = privateKeyOf(issuer).sign(toDerBuffer(tbs));
  return toDerBuffer(seq([tbs, signatureAlgorithmOf(issuer), bitString(signature)]));
}

export type NameField = { oid: string; value: string; printable?: boolean };

export function nameOf(fields: NameField[]): Node {
  return seq(fields.map((f) => set([seq([oid(f.oid), f.oid === OID.email ? ia5(f.value) : f.printable ? printableString(f.value) : utf8String(f.value)])])));
}

export function personSubject(p: KazakhPerson): NameField[] {
  const fields: NameField[] = [
    { oid: OID.commonName, value: `${p.surname} ${p.name}` },
    { oid: OID.surname, value: p.surname },
    { oid: OID.serialNumber, value: `IIN${p.iin}`, printable: true },
    { oid: OID.country, value: 'KZ', printable: true },
  ];
  if (p.organization) fields.push({ oid: OID.organization, value: p.organization });
  if (p.bin) fields.push({ oid: OID.organizationalUnit, value: `BIN${p.bin}`, printable: true });
  if (p.patronymic) fields.push({ oid: OID.givenName, value: p.patronymic });
  if (p.email) fields.push({ oid: OID.email, value: p.email });
  return fields;
}

export function caSubject(commonName: string): NameField[] {
  return [
    { oid: OID.commonName, value: commonName },
    { oid: OID.country, value: 'KZ', printable: true },
  ];
}

function newKey(kind: KeyKind, bits: number, gostBits: 256 | 512): { key: IssuedKey; spki: Buffer } {
  if (kind === 'rsa') {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    return { key: { kind, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }, spki };
  }
  const curve = gostCurveOfKey({ bits: gostBits });
  const scalar = toLittleEndian((littleEndian(randomBytes(curve.size + 16)) % (curve.q - 1n)) + 1n, curve.size);
  const spki = ncaSpki(gostBits === 256 ? OID.gost2015Key256 : OID.gost2015Key512, curve, ncaPublicKeyOf(curve, scalar));
  const key: IssuedKey = { kind, scalarHex: scalar.toString('hex'), ...(gostBits === 256 ? { bits: 256 as const } : {}) };
  return { key, spki };
}

type KeyUsage = (typeof KEY_USAGE_BITS)[number];

/** keyUsage as DER wants it: the named bits, trailing zero bits left out and counted as unused. */
function keyUsageExtension(usages: KeyUsage[]): Node {
  const indexes = usages.map((u) => KEY_USAGE_BITS.indexOf(u));
  const last = Math.max(...indexes);
  const bytes = Buffer.alloc((last >> 3) + 1);
  for (const i of indexes) bytes[i >> 3]! |= 0x80 >> (i & 7);
  return extension('2.5.29.15', true, bitString(bytes, 7 - (last & 7)));
}

const extension = (id: string, critical: boolean, value: Node) => seq([oid(id), ...(critical ? [bool(true)] : []), octets(toDerBuffer(value))]);
const basicConstraints = (ca: boolean, pathLength?: number) =>
  extension('2.5.29.19', ca, seq(ca ? [bool(true), ...(pathLength === undefined ? [] : [int(pathLength)])] : []));
const extendedKeyUsage = (oids: string[], critical = false) => extension('2.5.29.37', critical, seq(oids.map(oid)));
const certificatePolicy = (policyOid: string) => extension('2.5.29.32', false, seq([seq([oid(policyOid)])]));

interface CertificateRequest {
  subject: NameField[];
  notBefore: Date;
  notAfter: Date;
  extensions: Node[];
  kind?: KeyKind;
  bits?: number;
  gostBits?: 256 | 512;
}

function toPem(der: Buffer): string {
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

function build(req: CertificateRequest, issuer: Issued | null): Issued {
  const { key, spki } = newKey(req.kind ?? issuer?.key.kind ?? 'gost2015', req.bits ?? 2048, req.gostBits ?? 512);
  const self: Issued = { certificateDer: Buffer.alloc(0), certificatePem: '', key };
  const signer = issuer ?? self;
  const subjectKeyId = extension('2.5.29.14', false, octets(createHash('sha1').update(bitStringBytes(children(parseDerExact(spki))[1])).digest()));
  const tbs = seq([
    explicit(0, [int(2)]),
    unsignedInt(Buffer.concat([Buffer.from([0x40]), randomBytes(15)])),
    signatureAlgorithmOf(signer),
    issuer ? certificateParts(issuer.certificateDer).subject : nameOf(req.subject),
    seq([certificateTime(req.notBefore), certificateTime(req.notAfter)]),
    nameOf(req.subject),
    parseDerExact(spki),
    explicit(3, [seq([...req.extensions, subjectKeyId, ...(issuer?.publication ? publicationExtensions(issuer.publication) : [])])]),
  ]);
  const certificateDer = signStructure(signer, tbs);
  return { certificateDer, certificatePem: toPem(certificateDer), key };
}

/** A root CA: GOST 2015 unless RSA is asked for. */
export function createRootCa(commonName: string, notBefore: Date, notAfter: Date, publication?: Publication, kind: KeyKind = 'gost2015'): Issued {
  const issued = build(
    { subject: caSubject(commonName), notBefore, notAfter, bits: 3072, kind, extensions: [basicConstraints(true), keyUsageExtension(['keyCertSign', 'cRLSign'])] },
    null,
  );
  return publication ? { ...issued, publication } : issued;
}

/** An issuing CA of the root's kind of key. */
export function createIntermediateCa(issuer: Issued, commonName: string, notBefore: Date, notAfter: Date, publication?: Publication): Issued {
  const issued = build({ subject: caSubject(commonName), notBefore, notAfter, extensions: [basicConstraints(true, 0), keyUsageExtension(['keyCertSign', 'cRLSign'])] }, issuer);
  return publication ? { ...issued, publication } : issued;
}

export type KeyPurpose = 'signing' | 'authentication' | 'both';

/**
 * An end-entity certificate in the NCA profile: key usage and EKU by purpose, role OIDs in the EKU. NCA's GOST
 * 2015 key is one key for both purposes (digitalSignature, nonRepudiation, keyAgreement; e-mail protection);
 * its RSA keys come as a signing and an authentication key. The key is of the issuing CA's kind.
 */
export function issuePersonCertificate(
  issuer: Issued,
  person: KazakhPerson,
  purpose: KeyPurpose,
  roleOids: string[],
  notBefore: Date,
  notAfter: Date,
  options: { gostBits?: 256 | 512 } = {},
): Issued {
  const usages: KeyUsage[] =
    purpose === 'authentication' ? ['digitalSignature', 'keyEncipherment'] : purpose === 'both' ? ['digitalSignature', 'nonRepudiation', 'keyAgreement'] : ['digitalSignature', 'nonRepudiation'];
  const policy = person.bin
    ? purpose === 'authentication' ? OID.policyLegalAuth : OID.policyLegalSigning
    : purpose === 'authentication' ? OID.policyIndividualAuth : OID.policyIndividualSigning;
  return build(
    {
      subject: personSubject(person),
      notBefore,
      notAfter,
      ...(options.gostBits ? { gostBits: options.gostBits } : {}),
      extensions: [
        basicConstraints(false),
        keyUsageExtension(usages),
        extendedKeyUsage([purpose === 'authentication' ? OID.ekuClientAuth : OID.ekuEmailProtection, ...roleOids]),
        certificatePolicy(policy),
      ],
    },
    issuer,
  );
}

/** A service certificate of the CA: its OCSP responder or its time-stamping authority (EKU critical for the TSA, RFC 3161 §2.3). */
export function issueServiceCertificate(issuer: Issued, commonName: string, service: 'ocsp' | 'tsa', notBefore: Date, notAfter: Date): Issued {
  return build(
    {
      subject: caSubject(commonName),
      notBefore,
      notAfter,
      extensions: [
        basicConstraints(false),
        keyUsageExtension(service === 'tsa' ? ['digitalSignature', 'nonRepudiation'] : ['digitalSignature']),
        service === 'ocsp' ? extendedKeyUsage([OID.ekuOcspSigning]) : extendedKeyUsage([OID.ekuTimeStamping], true),
      ],
    },
    issuer,
  );
}

/** CRL distribution points, freshest CRL (deltas) and authority information access (OCSP). */
function publicationExtensions(p: Publication): Node[] {
  const uri = (url: string) => implicitPrimitive(6, url);
  const distributionPoints = (url: string) => seq([seq([explicit(0, [explicit(0, [uri(url)])])])]);
  const extensions = [extension(OID.crlDistributionPoints, false, distributionPoints(p.crlUrl))];
  if (p.deltaCrlUrl) extensions.push(extension(OID.freshestCrl, false, distributionPoints(p.deltaCrlUrl)));
  if (p.ocspUrl) extensions.push(extension(OID.authorityInfoAccess, false, seq([seq([oid(OID.accessOcsp), uri(p.ocspUrl)])])));
  return extensions;
}
