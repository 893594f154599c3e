import forge from 'node-forge';
import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';

/**
 * The registry's own certification authority: it certifies the registry's TLS endpoint and each
 * enrolled desk's client certificate, so every sync connection is TLS with both sides known. Keys come
 * from node:crypto (forge's key generation is slow); forge writes the certificates.
 */
export interface PemPair {
  certificatePem: string;
  privateKeyPem: string;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

function rsaKeys() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
  };
}

function newCertificate(publicKey: forge.pki.PublicKey, notBefore: Date, years: number) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = `1${randomBytes(15).toString('hex')}`;
  // An hour's grace for desks whose clock runs a little behind.
  cert.validity.notBefore = new Date(notBefore.getTime() - 3600_000);
  cert.validity.notAfter = new Date(notBefore.getTime() + years * YEAR_MS);
  return cert;
}

export function createRegistryCa(now: Date): PemPair {
  const keys = rsaKeys();
  const cert = newCertificate(keys.publicKey, now, 20);
  const subject = [{ name: 'commonName', value: 'AJO Licence Registry CA' }, { name: 'countryName', value: 'KZ' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privateKeyPem), forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(cert), privateKeyPem: keys.privateKeyPem };
}

function signedBy(ca: PemPair, cert: forge.pki.Certificate) {
  cert.setIssuer(forge.pki.certificateFromPem(ca.certificatePem).subject.attributes);
  cert.sign(forge.pki.privateKeyFromPem(ca.privateKeyPem), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

/** The TLS certificate of one registry instance, for the names and addresses it is reached by. */
export function issueServerCertificate(ca: PemPair, hostNames: readonly string[], now: Date): PemPair {
  const keys = rsaKeys();
  const cert = newCertificate(keys.publicKey, now, 1);
  cert.setSubject([{ name: 'commonName', value: hostNames[0] ?? 'localhost' }]);
  const altNames = hostNames.map((name) => (/^[0-9.]+$|:/.test(name) ? { type: 7, ip: name } : { type: 2, value: name }));
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
  ]);
  return { certificatePem: signedBy(ca, cert), privateKeyPem: keys.privateKeyPem };
}

/** A desk's key and its certificate request (the key never leaves the desk). */
export function createDeskKey(clientId: string): { privateKeyPem: string; csrPem: string } {
  const keys = rsaKeys();
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = keys.publicKey;
  csr.setSubject([{ name: 'commonName', value: clientId }]);
  csr.sign(forge.pki.privateKeyFromPem(keys.privateKeyPem), forge.md.sha256.create());
  return { privateKeyPem: keys.privateKeyPem, csrPem: forge.pki.certificationRequestToPem(csr) };
}

export class BadCertificateRequest extends Error {}

/**
 * The client certificate of an enrolled desk: the request's key (its self-signature proves the desk
 * holds it), the names the registry decides — the desk's id, its office and authority.
 */
export function issueDeskCertificate(ca: PemPair, csrPem: string, desk: { clientId: string; officeCode: string; authorityBin: string }, now: Date): string {
  let csr: ReturnType<typeof forge.pki.certificationRequestFromPem>;
  try {
    csr = forge.pki.certificationRequestFromPem(csrPem);
  } catch {
    throw new BadCertificateRequest('not a certificate request');
  }
  if (!csr.verify()) throw new BadCertificateRequest('request not signed by its key');
  const publicKey = csr.publicKey as forge.pki.rsa.PublicKey | null;
  if (!publicKey || publicKey.n.bitLength() < 2048) throw new BadCertificateRequest('key too weak');
  const cert = newCertificate(publicKey, now, 3);
  cert.setSubject([
    { name: 'commonName', value: desk.clientId },
    { name: 'organizationalUnitName', value: desk.officeCode },
    { name: 'organizationName', value: `BIN${desk.authorityBin}` },
  ]);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true },
  ]);
  return signedBy(ca, cert);
}

/** SHA-256 of a certificate's DER: how the registry knows a desk by its certificate. */
export function certificateSha256(certificate: string | Buffer): string {
  const der = typeof certificate === 'string' ? new X509Certificate(certificate).raw : certificate;
  return createHash('sha256').update(der).digest('hex');
}
