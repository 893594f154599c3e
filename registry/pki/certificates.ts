import forge from 'node-forge';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { explicit, implicitPrimitive, oid, seq, toDerBuffer } from '../../pki/asn1/der';
import type { KazakhPerson } from '../../pki/demo-pki';
import { OID } from '../../pki/asn1/oids';

export type { KazakhPerson } from '../../pki/demo-pki';

/**
 * Certificates as the National Certification Authority issues them, for its simulator (the demo PKI of
 * `--demo` and the tests' PKI). Names are Cyrillic UTF8String as in NCA RK certificates; keys come from node:crypto (forge's pure-JS key generation
 * is far slower).
 */
export interface Issued {
  certificateDer: Buffer;
  certificatePem: string;
  privateKeyPem: string;
  subjectAttributes: forge.pki.CertificateField[];
  /** For a CA: where it publishes its CRLs and answers OCSP; written into what it issues. */
  publication?: Publication;
}

export interface Publication {
  crlUrl: string;
  deltaCrlUrl?: string;
  ocspUrl?: string;
}

/** Values are JS strings: forge encodes UTF8String values to UTF-8 itself when it writes the name. */
const utf8 = forge.asn1.Type.UTF8;
const printable = forge.asn1.Type.PRINTABLESTRING;

export function personSubject(p: KazakhPerson): forge.pki.CertificateField[] {
  const fields: forge.pki.CertificateField[] = [
    { type: OID.commonName, value: `${p.surname} ${p.name}`, valueTagClass: utf8 as never },
    { type: OID.surname, value: p.surname, valueTagClass: utf8 as never },
    { type: OID.serialNumber, value: `IIN${p.iin}`, valueTagClass: printable as never },
    { type: OID.country, value: 'KZ', valueTagClass: printable as never },
  ];
  if (p.organization) fields.push({ type: OID.organization, value: p.organization, valueTagClass: utf8 as never });
  if (p.bin) fields.push({ type: OID.organizationalUnit, value: `BIN${p.bin}`, valueTagClass: printable as never });
  if (p.patronymic) fields.push({ type: OID.givenName, value: p.patronymic, valueTagClass: utf8 as never });
  if (p.email) fields.push({ type: OID.email, value: p.email, valueTagClass: forge.asn1.Type.IA5STRING as never });
  return fields;
}

export function caSubject(commonName: string): forge.pki.CertificateField[] {
  return [
    { type: OID.commonName, value: commonName, valueTagClass: utf8 as never },
    { type: OID.country, value: 'KZ', valueTagClass: printable as never },
  ];
}

function newKeys(bits: number) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    privateKeyPem,
    forgePrivate: forge.pki.privateKeyFromPem(privateKeyPem),
    forgePublic: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
  };
}

interface CertificateRequest {
  subject: forge.pki.CertificateField[];
  notBefore: Date;
  notAfter: Date;
  extensions: object[];
  bits?: number;
}

function build(req: CertificateRequest, issuer: Issued | null): Issued {
  const keys = newKeys(req.bits ?? 2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.forgePublic;
  cert.serialNumber = `4${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = req.notBefore;
  cert.validity.notAfter = req.notAfter;
  cert.setSubject(req.subject);
  cert.setIssuer(issuer?.subjectAttributes ?? req.subject);
  cert.setExtensions([...req.extensions, ...(issuer?.publication ? publicationExtensions(issuer.publication) : [])]);
  const signingKey = issuer ? forge.pki.privateKeyFromPem(issuer.privateKeyPem) : keys.forgePrivate;
  cert.sign(signingKey, forge.md.sha256.create());
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return {
    certificateDer: der,
    certificatePem: forge.pki.certificateToPem(cert),
    privateKeyPem: keys.privateKeyPem,
    subjectAttributes: req.subject,
  };
}

export function createRootCa(commonName: string, notBefore: Date, notAfter: Date, publication?: Publication): Issued {
  const issued = build(
    {
      subject: caSubject(commonName),
      notBefore,
      notAfter,
      bits: 3072,
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
        { name: 'subjectKeyIdentifier' },
      ],
    },
    null,
  );
  return publication ? { ...issued, publication } : issued;
}

export function createIntermediateCa(issuer: Issued, commonName: string, notBefore: Date, notAfter: Date, publication?: Publication): Issued {
  const issued = build(
    {
      subject: caSubject(commonName),
      notBefore,
      notAfter,
      extensions: [
        { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
        { name: 'subjectKeyIdentifier' },
      ],
    },
    issuer,
  );
  return publication ? { ...issued, publication } : issued;
}

export type KeyPurpose = 'signing' | 'authentication';

/** An end-entity certificate in the NCA profile: key usage and EKU by purpose, role OIDs in the EKU. */
export function issuePersonCertificate(
  issuer: Issued,
  person: KazakhPerson,
  purpose: KeyPurpose,
  roleOids: string[],
  notBefore: Date,
  notAfter: Date,
): Issued {
  const eku: Record<string, boolean> = { [purpose === 'signing' ? 'emailProtection' : 'clientAuth']: true };
  for (const oid of roleOids) eku[oid] = true;
  const policy = person.bin
    ? purpose === 'signing' ? OID.policyLegalSigning : OID.policyLegalAuth
    : purpose === 'signing' ? OID.policyIndividualSigning : OID.policyIndividualAuth;
  return build(
    {
      subject: personSubject(person),
      notBefore,
      notAfter,
      extensions: [
        { name: 'basicConstraints', cA: false },
        purpose === 'signing'
          ? { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true }
          : { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', ...eku },
        { name: 'certificatePolicies', value: policyExtensionValue(policy) },
        { name: 'subjectKeyIdentifier' },
      ],
    },
    issuer,
  );
}

function policyExtensionValue(policyOid: string): string {
  const { asn1 } = forge;
  return asn1
    .toDer(
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
          asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(policyOid).getBytes()),
        ]),
      ]),
    )
    .getBytes();
}

/** A service certificate of the CA: its OCSP responder or its time-stamping authority (EKU critical for the TSA, RFC 3161 §2.3). */
export function issueServiceCertificate(issuer: Issued, commonName: string, service: 'ocsp' | 'tsa', notBefore: Date, notAfter: Date): Issued {
  return build(
    {
      subject: caSubject(commonName),
      notBefore,
      notAfter,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, nonRepudiation: service === 'tsa', critical: true },
        service === 'ocsp' ? { name: 'extKeyUsage', [OID.ekuOcspSigning]: true } : { name: 'extKeyUsage', timeStamping: true, critical: true },
        { name: 'subjectKeyIdentifier' },
      ],
    },
    issuer,
  );
}

/** CRL distribution points, freshest CRL (deltas) and authority information access (OCSP). */
function publicationExtensions(p: Publication): object[] {
  const uri = (url: string) => implicitPrimitive(6, url);
  const distributionPoints = (url: string) => toDerBuffer(seq([seq([explicit(0, [explicit(0, [uri(url)])])])])).toString('binary');
  const extensions: object[] = [{ id: OID.crlDistributionPoints, value: distributionPoints(p.crlUrl) }];
  if (p.deltaCrlUrl) extensions.push({ id: OID.freshestCrl, value: distributionPoints(p.deltaCrlUrl) });
  if (p.ocspUrl) extensions.push({ id: OID.authorityInfoAccess, value: toDerBuffer(seq([seq([oid(OID.accessOcsp), uri(p.ocspUrl)])])).toString('binary') });
  return extensions;
}

/** A password-protected PKCS#12 file like the ones NCA RK hands out. */
export function toPkcs12(entity: Issued, chain: Issued[], password: string): Buffer {
  const key = forge.pki.privateKeyFromPem(entity.privateKeyPem);
  const certs = [entity, ...chain].map((c) => forge.pki.certificateFromPem(c.certificatePem));
  const p12 = forge.pkcs12.toPkcs12Asn1(key, certs, password, { algorithm: '3des', generateLocalKeyId: true, friendlyName: 'ajo' });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}
