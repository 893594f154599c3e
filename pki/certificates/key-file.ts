import forge from 'node-forge';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readCertificate, type KazakhCertificate } from './certificate';
import { OID } from '../asn1/oids';

export type KeyFileProblem = 'corrupt' | 'wrong-password' | 'no-private-key' | 'no-certificate' | 'gost-unsupported' | 'choice-needed';

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
/**
 * Every key in the file with its certificate (NCA files hold one; exported bundles may hold several).
 * Other certificates in the file are the chain. All certificates are kept byte for byte as stored.
 */
export function openKeyFileEntries(bytes: Buffer, password: string): SigningKey[] {
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
  if (keyBags.length === 0) throw new KeyFileError('no-private-key');
  // forge leaves `key` empty for keys it cannot read: NCA's other kind of key is GOST.
  if (!keyBags.some((b) => b.key)) throw new KeyFileError('gost-unsupported');
  const certBags = (p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? []).filter((b) => b.cert);
  const certs = certBags.map((b) => ({ pem: forge.pki.publicKeyToPem(b.cert!.publicKey), der: rawCertificateDer(b) }));
  const entries: SigningKey[] = [];
  for (const bag of keyBags) {
    if (!bag.key) continue;
    const key = bag.key as forge.pki.rsa.PrivateKey;
    const publicKeyPem = forge.pki.publicKeyToPem(forge.pki.setRsaPublicKey(key.n, key.e));
    const own = certs.find((c) => c.pem === publicKeyPem);
    if (!own) continue;
    entries.push({
      privateKey: createPrivateKey(forge.pki.privateKeyToPem(key)),
      certificate: readCertificate(own.der),
      chain: certs.filter((c) => c !== own).map((c) => c.der),
    });
  }
  if (entries.length === 0) throw new KeyFileError('no-certificate');
  return entries;
}

/** The key to use: the only one in the file, or the one the user chose from several. */
export function openKeyFile(bytes: Buffer, password: string, index?: number): SigningKey {
  const entries = openKeyFileEntries(bytes, password);
  if (index === undefined) {
    if (entries.length > 1) throw new KeyFileError('choice-needed');
    return entries[0]!;
  }
  const chosen = entries[index];
  if (!chosen) throw new KeyFileError('choice-needed');
  return chosen;
}

/**
 * A certificate's DER from its bag. forge re-encodes a parsed certificate from the parts it captured
 * (tbsCertificate included), which gives back the stored bytes; the openssl-made PKI test holds it to that.
 */
function rawCertificateDer(bag: forge.pkcs12.Bag): Buffer {
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(bag.cert!)).getBytes(), 'binary');
}
