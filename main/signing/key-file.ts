import forge from 'node-forge';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readCertificate, type KazakhCertificate } from './certificate';
import { OID } from './oids';

export type KeyFileProblem = 'corrupt' | 'wrong-password' | 'no-private-key' | 'no-certificate' | 'gost-unsupported';

export class KeyFileError extends Error {
  constructor(readonly problem: KeyFileProblem) {
    super(`key file: ${problem}`);
    this.name = 'KeyFileError';
  }
}

/**
 * Kazakh GOST keys (GOSTKNCA_*, GOST512_*) use GOST 34.310-2004 and 34.10-2015 with Kazakh parameters;
 * no maintained JavaScript implementation of them exists on npm (gost89 is Ukrainian DSTU,
 * node-gost-crypto is Russian GOST R 34.10-2012 without the Kazakh OIDs), so such a file is recognised
 * and the user is told to use the RSA key. DER of the OID arc 1.2.398.3.10.
 */
const GOST_OID_PREFIX_DER = Buffer.from([0x2a, 0x83, 0x0e, 0x03, 0x0a]);

export interface SigningKey {
  privateKey: KeyObject;
  certificate: KazakhCertificate;
  /** Other certificates in the file (intermediates), DER. */
  chain: Buffer[];
}

/**
 * Opens an NCA-style PKCS#12 key file. The password is used here and nowhere else; the key lives in
 * memory only for the operation that asked for it.
 */
export function openKeyFile(bytes: Buffer, password: string): SigningKey {
  let p12Asn1: forge.asn1.Asn1;
  try {
    p12Asn1 = forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));
  } catch {
    throw new KeyFileError('corrupt');
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(p12Asn1, false, password);
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/MAC could not be verified|Invalid password/i.test(message)) throw new KeyFileError('wrong-password');
    const oid = (error as { oid?: unknown }).oid;
    const gost = (typeof oid === 'string' && oid.startsWith(OID.gostKeyPrefix)) || bytes.includes(GOST_OID_PREFIX_DER) || /RSAPrivateKey/.test(message);
    throw new KeyFileError(gost ? 'gost-unsupported' : 'corrupt');
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const keyBag = keyBags.find((b) => b.key);
  if (!keyBag?.key) {
    if (keyBags.length > 0) throw new KeyFileError('gost-unsupported');
    throw new KeyFileError('no-private-key');
  }
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  const certs = certBags
    .filter((b) => b.cert)
    .map((b) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(b.cert!)).getBytes(), 'binary'));
  const key = keyBag.key as forge.pki.rsa.PrivateKey;
  const publicKeyPem = forge.pki.publicKeyToPem(forge.pki.setRsaPublicKey(key.n, key.e));
  const own = certBags.findIndex((b) => b.cert && forge.pki.publicKeyToPem(b.cert.publicKey) === publicKeyPem);
  if (own < 0) throw new KeyFileError('no-certificate');
  return {
    privateKey: createPrivateKey(forge.pki.privateKeyToPem(key)),
    certificate: readCertificate(rawCertificateDer(certBags[own]!)),
    chain: certs.filter((_, i) => i !== own),
  };
}

/** The certificate bag's DER as stored, not as forge would re-encode it (names must stay byte-exact). */
function rawCertificateDer(bag: forge.pkcs12.Bag): Buffer {
  const raw = (bag.asn1 as forge.asn1.Asn1 | undefined)?.value as forge.asn1.Asn1[] | undefined;
  const explicit = raw?.[1]?.value as forge.asn1.Asn1[] | undefined;
  const octets = explicit?.[0];
  if (octets && typeof octets.value === 'string') return Buffer.from(octets.value, 'binary');
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(bag.cert!)).getBytes(), 'binary');
}
